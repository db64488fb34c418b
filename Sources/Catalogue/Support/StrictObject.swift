import JSON

/// Reads one JSON object strictly: every member must be consumed, so an unknown key is an error
/// naming the file and the key's path rather than something silently ignored.
struct StrictObject {
    /// The file being read, for messages.
    let path: String
    /// Where this object sits in the file, e.g. `servers[3]`.
    let context: String
    private let object: JSONObject
    private var consumed: Set<String> = []

    /// Opens a whole catalogue file: parses it, reads the top-level object and checks its schema version.
    static func file(_ fileBytes: [UInt8], path: String, schemaVersion: Int) throws(CatalogueError) -> StrictObject {
        let value: JSONValue
        do { value = try JSONParser().parse(fileBytes).value } catch { throw .invalidJSON(path: path, detail: error.description) }
        var r = try StrictObject(value, path: path)
        try r.schemaVersion(supported: schemaVersion)
        return r
    }

    /// Reads `value` as an object, or fails naming `context`.
    init(_ value: JSONValue, path: String, context: String = "") throws(CatalogueError) {
        guard let object = value.objectValue else {
            throw .invalidValue(path: path, key: context.isEmpty ? "(top level)" : context, detail: "expected an object, found \(value.typeName)")
        }
        self.object = object; self.path = path; self.context = context
    }

    /// The dotted name of `key` within the file.
    func keyPath(_ key: String) -> String { context.isEmpty ? key : "\(context).\(key)" }

    /// The raw value of `key`, if present.
    mutating func optionalValue(_ key: String) -> JSONValue? {
        consumed.insert(key)
        return object[key]
    }

    /// The raw value of `key`, which must be present.
    mutating func value(_ key: String) throws(CatalogueError) -> JSONValue {
        guard let v = optionalValue(key) else { throw .missingKey(path: path, key: keyPath(key)) }
        return v
    }

    /// A required string.
    mutating func string(_ key: String) throws(CatalogueError) -> String {
        let v = try value(key)
        guard let s = v.stringValue else { throw typeError(key, "string", v) }
        return s
    }

    /// An optional string (absent or null gives nil).
    mutating func optionalString(_ key: String) throws(CatalogueError) -> String? {
        guard let v = optionalValue(key), !v.isNull else { return nil }
        guard let s = v.stringValue else { throw typeError(key, "string", v) }
        return s
    }

    /// A required integer.
    mutating func int(_ key: String) throws(CatalogueError) -> Int {
        let v = try value(key)
        guard let n = v.intValue else { throw typeError(key, "integer", v) }
        return n
    }

    /// An optional array of strings (absent gives []).
    mutating func stringArray(_ key: String) throws(CatalogueError) -> [String] {
        guard let v = optionalValue(key), !v.isNull else { return [] }
        guard let a = v.arrayValue else { throw typeError(key, "array of strings", v) }
        var out: [String] = []
        for (i, e) in a.enumerated() {
            guard let s = e.stringValue else { throw typeError("\(key)[\(i)]", "string", e) }
            out.append(s)
        }
        return out
    }

    /// An optional array (absent gives []).
    mutating func array(_ key: String) throws(CatalogueError) -> [JSONValue] {
        guard let v = optionalValue(key), !v.isNull else { return [] }
        guard let a = v.arrayValue else { throw typeError(key, "array", v) }
        return a
    }

    /// A required timestamp in the catalogue's ISO-8601 form.
    mutating func timestamp(_ key: String) throws(CatalogueError) -> Timestamp {
        let s = try string(key)
        guard let t = Timestamp(iso8601: s) else {
            throw .invalidValue(path: path, key: keyPath(key), detail: "expected an ISO-8601 UTC time like 2026-01-31T02:00:00Z, found \"\(s)\"")
        }
        return t
    }

    /// An optional timestamp.
    mutating func optionalTimestamp(_ key: String) throws(CatalogueError) -> Timestamp? {
        guard let v = optionalValue(key), !v.isNull else { return nil }
        consumed.remove(key)
        return try timestamp(key)
    }

    /// Checks `schemaVersion` is present and not newer than `supported`.
    mutating func schemaVersion(supported: Int) throws(CatalogueError) {
        let found = try int("schemaVersion")
        if found > supported { throw .newerSchema(path: path, found: found, supported: supported) }
        if found < 1 { throw .invalidValue(path: path, key: keyPath("schemaVersion"), detail: "must be at least 1") }
    }

    /// Fails on the first member that was never read.
    func finish() throws(CatalogueError) {
        if let unknown = object.keys.first(where: { !consumed.contains($0) }) {
            throw .unknownKey(path: path, key: keyPath(unknown))
        }
    }

    private func typeError(_ key: String, _ expected: String, _ found: JSONValue) -> CatalogueError {
        .invalidValue(path: path, key: keyPath(key), detail: "expected \(expected), found \(found.typeName)")
    }
}
