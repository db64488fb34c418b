import JSON

extension JSONValue {
    /// The same value with every object's members sorted by key bytes and skipped subtrees replaced by
    /// their placeholder text: what a catalogue file holds after a write and a read, so in-memory values
    /// compare equal to what is read back.
    var canonicalized: JSONValue {
        switch self {
        case .array(let elements): return .array(elements.map(\.canonicalized))
        case .object(let object):
            let sorted = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return .object(JSONObject(sorted.map { ($0.key, $0.value.canonicalized) }))
        case .skipped(let bytes): return .string("[mcprisk: subtree of \(bytes) bytes skipped, nested too deeply]")
        default: return self
        }
    }
}
