/// A JSON value that keeps what the wire said: object keys in order, numbers as their text.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number exactly as written, e.g. `"1.50"`; never rounded through a Double.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
    /// A subtree the parser skipped because it was nested deeper than its limit; holds its size in bytes.
    case skipped(bytes: Int)
}

extension JSONValue {
    /// The string, when this is a string.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The boolean, when this is a boolean.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// The object, when this is an object.
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    /// The number's text, when this is a number.
    public var numberText: String? { if case .number(let n) = self { return n } else { return nil } }
    /// The number as an integer, when it is one that fits.
    public var intValue: Int? { numberText.flatMap { Int($0) } }
    /// The number as a Double, when this is a number.
    public var doubleValue: Double? { numberText.flatMap { Double($0) } }
    /// True for `null`.
    public var isNull: Bool { self == .null }

    /// The member named `key`, when this is an object that has it.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
    /// The element at `index`, when this is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard let a = arrayValue, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// A short name of this value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        case .skipped: "skipped subtree"
        }
    }

    /// A number value from an integer.
    public static func int(_ n: Int) -> JSONValue { .number(String(n)) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
}
