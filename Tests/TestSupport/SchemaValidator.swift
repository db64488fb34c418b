import Foundation
import JSON

/// Validates JSON against a JSON Schema (draft 2020-12) that uses only the keywords listed in
/// `supported`. A schema using any other keyword is itself reported as a problem, so the schema can
/// never say more than this validator checks. `ReportSchemaTests` cross-checks it with the Python
/// `jsonschema` package under CI.
public struct SchemaValidator: Sendable {
    /// The keywords this validator understands (annotations included).
    public static let supported: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "type", "properties", "required",
        "additionalProperties", "items", "enum", "const", "pattern", "minimum", "maximum", "minItems", "minLength",
    ]

    /// The schema document.
    public let root: JSONValue

    /// A validator for `root`.
    public init(_ root: JSONValue) { self.root = root }

    /// Every problem of `value`, as `/json/pointer: what is wrong`; empty when it conforms.
    public func problems(_ value: JSONValue) -> [String] {
        var out: [String] = []
        check(value, against: root, at: "", schemaPath: "#", into: &out)
        return out
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, schemaPath: String, into out: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { out.append("\(path.isEmpty ? "/" : path): not allowed here") }
            return
        }
        guard let keywords = schema.objectValue else { out.append("schema \(schemaPath) is not an object"); return }
        let place = path.isEmpty ? "/" : path
        for key in keywords.keys where !Self.supported.contains(key) {
            out.append("schema \(schemaPath) uses \(key), which SchemaValidator does not check")
        }
        if let reference = schema["$ref"]?.stringValue {
            guard let target = resolve(reference) else { out.append("schema \(schemaPath): cannot resolve \(reference)"); return }
            check(value, against: target, at: path, schemaPath: reference, into: &out)
        }
        if let types = schema["type"] {
            let allowed = types.arrayValue?.compactMap(\.stringValue) ?? [types.stringValue].compactMap { $0 }
            if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                out.append("\(place): is \(value.typeName), expected \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let constant = schema["const"], constant != value { out.append("\(place): must be \(JSONWriter.compact.string(constant))") }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            out.append("\(place): \(JSONWriter.compact.string(value)) is not one of \(JSONWriter.compact.string(.array(options)))")
        }
        if let pattern = schema["pattern"]?.stringValue, let text = value.stringValue,
           text.range(of: pattern, options: .regularExpression) == nil {
            out.append("\(place): \(JSONWriter.compact.string(value)) does not match \(pattern)")
        }
        if let number = value.doubleValue {
            if let minimum = schema["minimum"]?.doubleValue, number < minimum { out.append("\(place): below the minimum \(minimum)") }
            if let maximum = schema["maximum"]?.doubleValue, number > maximum { out.append("\(place): above the maximum \(maximum)") }
        }
        if let text = value.stringValue, let least = schema["minLength"]?.intValue, text.count < least {
            out.append("\(place): shorter than \(least) characters")
        }
        if let items = value.arrayValue {
            if let least = schema["minItems"]?.intValue, items.count < least { out.append("\(place): fewer than \(least) items") }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() {
                    check(item, against: itemSchema, at: "\(path)/\(i)", schemaPath: "\(schemaPath)/items", into: &out)
                }
            }
        }
        if let object = value.objectValue {
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                out.append("\(place): lacks the required member \(name)")
            }
            let properties = schema["properties"]?.objectValue
            for member in object.members {
                let memberPath = path + "/" + member.key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                if let propertySchema = properties?[member.key] {
                    check(member.value, against: propertySchema, at: memberPath, schemaPath: "\(schemaPath)/properties/\(member.key)", into: &out)
                } else if let extra = schema["additionalProperties"] {
                    check(member.value, against: extra, at: memberPath, schemaPath: "\(schemaPath)/additionalProperties", into: &out)
                }
            }
        }
    }

    /// `#/$defs/name`-style references within the same document.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var node: JSONValue? = root
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            node = node?[String(token).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return node
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number(let text)): text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
        default: false
        }
    }
}

/// `docs/report.schema.json`: the contract every JSON report the tests produce is checked against.
public enum ReportSchema {
    /// The schema file.
    public static let url = RepoPaths.file("docs/report.schema.json")

    /// The validator, built once.
    public static let validator: SchemaValidator = {
        do {
            return SchemaValidator(try JSONValue(parsing: String(contentsOf: url, encoding: .utf8)))
        } catch {
            fatalError("docs/report.schema.json cannot be read: \(error)")
        }
    }()

    /// The problems of a JSON report text against the schema; `["not JSON: …"]` when it does not parse.
    /// Use as `#expect(ReportSchema.problems(in: text) == [])`, so a failure lists what is wrong.
    public static func problems(in text: String) -> [String] {
        do {
            return validator.problems(try JSONValue(parsing: text))
        } catch {
            return ["not JSON: \(error)"]
        }
    }
}
