import JSON

/// Decides whether one list entry can be kept. Shared by live crawls and snapshot files so both
/// report the same entries the same way. An entry is kept when it is an object with a usable identity
/// (a tool's or prompt's name, a resource's uri, a template's uriTemplate), whatever else is wrong with
/// it: leaving a named tool out would hide something a client may still offer. Wrong-typed fields are
/// the rule engine's to report (`malformed-definition`), at the entry's place in the definitions.
public enum EntryValidator {
    /// The entry's identity (name, uri or uriTemplate) when it can be kept, else why not.
    public static func check(_ entry: JSONValue, kind: ListKind) -> Result<String, InvalidEntry> {
        guard let object = entry.objectValue else { return .failure(InvalidEntry("it is \(entry.typeWithArticle), not an object")) }
        let identity = kind.identityKey
        guard let idValue = object[identity] else { return .failure(InvalidEntry("it has no \(identity)")) }
        guard let id = idValue.stringValue else { return .failure(InvalidEntry("its \(identity) is \(idValue.typeWithArticle), not a string")) }
        guard !id.isEmpty else { return .failure(InvalidEntry("its \(identity) is empty")) }
        return .success(id)
    }
}

/// Why an entry was left out.
public struct InvalidEntry: Error, Sendable, Hashable {
    /// The reason, e.g. `it has no name`.
    public var reason: String
    /// A reason in words.
    public init(_ reason: String) { self.reason = reason }
}

extension JSONValue {
    /// The type's name with its article, for messages: `an array`, `a string`, `null`.
    var typeWithArticle: String {
        switch self {
        case .null: "null"
        case .array, .object: "an \(typeName)"
        default: "a \(typeName)"
        }
    }
}
