/// A YAML value as `YAMLSubsetParser` reads it. Plain scalars are resolved by the YAML 1.2 core
/// schema (as gopkg.in/yaml.v3, which Intercept uses, resolves them into `any`): `yes` stays a
/// string, `true` is a boolean, `5` an integer.
public indirect enum YAMLValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integer, as written.
    case int(String)
    /// A float, as written.
    case float(String)
    case string(String)
    case sequence([YAMLValue])
    case mapping([YAMLEntry])

    /// The member named `key`, when this is a mapping that has it.
    public subscript(key: String) -> YAMLValue? {
        if case .mapping(let entries) = self { return entries.first { $0.key == key }?.value }
        return nil
    }
    /// The string, when this is a string scalar.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The elements, when this is a sequence.
    public var sequenceValue: [YAMLValue]? { if case .sequence(let s) = self { s } else { nil } }
    /// The entries, when this is a mapping.
    public var mappingValue: [YAMLEntry]? { if case .mapping(let m) = self { m } else { nil } }
    /// True for integers and floats.
    public var isNumeric: Bool { switch self { case .int, .float: true; default: false } }
    /// A scalar's text as a Go string field would receive it (yaml.v3 decodes any scalar into a
    /// string field); nil for collections and null.
    public var scalarText: String? {
        switch self {
        case .bool(let b): b ? "true" : "false"
        case .int(let t), .float(let t), .string(let t): t
        case .null, .sequence, .mapping: nil
        }
    }
    /// A short name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .float: "float"
        case .string: "string"
        case .sequence: "list"
        case .mapping: "mapping"
        }
    }
}

/// One `key: value` of a mapping, with the line it starts on.
public struct YAMLEntry: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: YAMLValue
    /// The 1-based line of the key.
    public var line: Int

    /// An entry from its parts.
    public init(key: String, value: YAMLValue, line: Int) { self.key = key; self.value = value; self.line = line }
}

/// Why a YAML text could not be read, with the line.
public struct YAMLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// An error from its parts.
    public init(line: Int, message: String) { self.line = line; self.message = message }

    /// `line 3: …`.
    public var description: String { "line \(line): \(message)" }
}
