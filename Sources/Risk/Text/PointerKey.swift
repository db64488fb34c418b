import JSON

/// A JSON pointer as a dictionary key that hashes only its length, holder index and last two tokens (the
/// parts that tell a tool's texts apart), not every token: equality is still the whole pointer's, so a
/// lookup finds exactly what a `JSONPointer` key finds, for less hashing.
struct PointerKey: Hashable {
    let pointer: JSONPointer

    init(_ pointer: JSONPointer) { self.pointer = pointer }

    static func == (a: PointerKey, b: PointerKey) -> Bool { a.pointer == b.pointer }

    func hash(into hasher: inout Hasher) {
        let tokens = pointer.tokens
        hasher.combine(tokens.count)
        if tokens.count > 1 { hasher.combine(tokens[1]) }
        if tokens.count > 3 { hasher.combine(tokens[tokens.count - 2]) }
        if tokens.count > 2 { hasher.combine(tokens[tokens.count - 1]) }
    }
}
