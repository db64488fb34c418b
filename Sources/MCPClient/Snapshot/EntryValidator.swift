import JSON

/// Decides whether one list entry is usable. Shared by live crawls and snapshot files so both
/// report the same entries the same way.
public enum EntryValidator {
    /// The entry's identity (name, uri or uriTemplate) when valid, else why it is not.
    public static func check(_ entry: JSONValue, kind: ListKind) -> Result<String, InvalidEntry> {
        guard let object = entry.objectValue else { return .failure(InvalidEntry("it is \(entry.typeWithArticle), not an object")) }
        guard let nameValue = object["name"] else { return .failure(InvalidEntry("it has no name")) }
        guard let name = nameValue.stringValue else { return .failure(InvalidEntry("its name is \(nameValue.typeWithArticle), not a string")) }
        guard !name.isEmpty else { return .failure(InvalidEntry("its name is empty")) }
        for (key, expected) in expectedTypes(kind) {
            guard let value = object[key] else { continue }
            if value.typeName != expected {
                return .failure(InvalidEntry("its \(key) is \(value.typeWithArticle), not a\(expected == "object" || expected == "array" ? "n" : "") \(expected)"))
            }
        }
        let identity = kind.identityKey
        guard let idValue = object[identity] else { return .failure(InvalidEntry("it has no \(identity)")) }
        guard let id = idValue.stringValue, !id.isEmpty else { return .failure(InvalidEntry("its \(identity) is not a non-empty string")) }
        return .success(id)
    }

    /// The optional members whose type is checked, per list.
    static func expectedTypes(_ kind: ListKind) -> [(String, String)] {
        let common = [("title", "string"), ("description", "string"), ("_meta", "object"), ("icons", "array")]
        switch kind {
        case .tools: return common + [("inputSchema", "object"), ("outputSchema", "object"), ("annotations", "object")]
        case .prompts: return common + [("arguments", "array")]
        case .resources: return common + [("uri", "string"), ("mimeType", "string"), ("annotations", "object")]
        case .resourceTemplates: return common + [("uriTemplate", "string"), ("mimeType", "string"), ("annotations", "object")]
        }
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
