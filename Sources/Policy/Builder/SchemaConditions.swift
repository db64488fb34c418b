import JSON

/// Conditions derived from a tool's input schema, and notes on what could not be expressed.
struct SchemaConditions: Sendable {
    /// The conditions, parameter by parameter in schema order.
    var conditions: [PolicyCondition] = []
    /// Why some constraints were left out.
    var notes: [String] = []

    /// At most this many properties are looked at; at most this many enum values go in a list.
    static let maxProperties = 64
    static let maxEnumValues = 256

    /// Derives conditions from `schema` (a tool's `inputSchema`), leaving out the parameters in
    /// `skipping` (handled elsewhere, such as a multi-action tool's action argument).
    init(schema: JSONValue?, skipping: Set<String> = []) {
        guard let schema, let properties = schema["properties"]?.objectValue else {
            for name in Self.requiredNames(schema) where !skipping.contains(name) { addExists(name) }
            return
        }
        let required = Set(Self.requiredNames(schema))
        for (index, member) in properties.members.enumerated() {
            if index >= Self.maxProperties {
                notes.append("only the first \(Self.maxProperties) of \(properties.count) parameters were turned into conditions")
                break
            }
            let name = member.key
            if skipping.contains(name) { continue }
            let constraints = Self.constraints(name: name, property: member.value)
            guard Self.isAddressable(name) else {
                if required.contains(name) || !constraints.conditions.isEmpty {
                    notes.append("parameter \(Self.quoted(name)) cannot be named in a dotted args path, so it is not checked")
                }
                continue
            }
            if required.contains(name) {
                addExists(name)
                conditions += constraints.conditions
                notes += constraints.notes
            } else {
                notes += constraints.notes
                if !constraints.conditions.isEmpty {
                    let kinds = constraints.conditions.map(\.op.rawValue).joined(separator: ", ")
                    notes.append("optional parameter \(Self.quoted(name)): \(kinds) not enforced, because Intercept fails a condition whose argument is absent")
                }
            }
        }
        for name in Self.requiredNames(schema) where properties[name] == nil && !skipping.contains(name) && Self.isAddressable(name) {
            addExists(name)
        }
    }

    private mutating func addExists(_ name: String) {
        guard Self.isAddressable(name) else { return }
        conditions.append(PolicyCondition(path: "args.\(name)", op: .exists, value: .bool(true)))
    }

    /// A parameter name Intercept can reach: `ResolveArgs` splits the path on every `.`.
    static func isAddressable(_ name: String) -> Bool { !name.isEmpty && !name.contains(".") }

    /// The `required` names of a schema, in order, without duplicates.
    static func requiredNames(_ schema: JSONValue?) -> [String] {
        var seen = Set<String>()
        return (schema?["required"]?.arrayValue ?? []).compactMap(\.stringValue).filter { seen.insert($0).inserted }
    }

    /// The conditions one property's constraints give (without `exists`).
    static func constraints(name: String, property: JSONValue) -> (conditions: [PolicyCondition], notes: [String]) {
        let path = "args.\(name)"
        var conditions: [PolicyCondition] = []
        var notes: [String] = []
        if let values = property["enum"]?.arrayValue, !values.isEmpty {
            let scalars = values.filter { v in
                switch v { case .string, .number, .bool, .null: true; default: false }
            }
            if scalars.count != values.count || values.count > maxEnumValues {
                notes.append("enum of \(quoted(name)) has \(values.count) values or non-scalar ones; not turned into an `in` list")
            } else {
                conditions.append(PolicyCondition(path: path, op: .in, value: .array(scalars)))
            }
        }
        let bounds: [(String, ConditionOperator)] = [("minimum", .gte), ("exclusiveMinimum", .gt), ("maximum", .lte), ("exclusiveMaximum", .lt)]
        for (keyword, op) in bounds {
            if let number = property[keyword]?.numberText { conditions.append(PolicyCondition(path: path, op: op, value: .number(number))) }
        }
        let minLength = property["minLength"]?.intValue
        let maxLength = property["maxLength"]?.intValue
        if minLength != nil || maxLength != nil {
            let low = max(0, minLength ?? 0)
            let limit = RegexSupport.maxRepeat
            if low > limit || (maxLength ?? 0) > limit {
                notes.append("length limit of \(quoted(name)) is above RE2's repeat limit of \(limit); only what fits is checked")
            }
            if let maxLength, maxLength <= limit, low <= maxLength {
                conditions.append(PolicyCondition(path: path, op: .regex, value: .string("(?s)^.{\(low),\(maxLength)}$")))
            } else if low > 0, low <= limit {
                conditions.append(PolicyCondition(path: path, op: .regex, value: .string("(?s)^.{\(low),}$")))
            }
        }
        if let pattern = property["pattern"]?.stringValue {
            if let problem = RegexSupport.re2Problem(pattern) {
                notes.append("pattern of \(quoted(name)) is not usable by Intercept (\(problem)); not checked")
            } else {
                conditions.append(PolicyCondition(path: path, op: .regex, value: .string(pattern)))
            }
        }
        return (conditions, notes)
    }

    /// A name in quotes with anything unprintable escaped, for notes.
    static func quoted(_ s: String) -> String { "\"" + YAMLScalar.escapedContent(s) + "\"" }
}
