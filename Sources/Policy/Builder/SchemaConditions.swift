import JSON
import Risk

/// Conditions derived from a tool's declared inputs (as `Risk` resolved them, `$ref`s and branches
/// included), and notes on what could not be expressed. Only top-level inputs the tool declares are
/// named, so no condition can be passed by adding an argument the server ignores.
struct SchemaConditions: Sendable {
    /// The conditions, input by input in schema order.
    var conditions: [PolicyCondition] = []
    /// Why some constraints were left out.
    var notes: [String] = []

    /// At most this many inputs are looked at; at most this many enum values go in a list.
    static let maxProperties = 64
    static let maxEnumValues = 256

    /// Derives conditions from `inputs`, leaving out the inputs named in `skipping` (handled
    /// elsewhere, such as a multi-action tool's action argument).
    init(inputs: ToolInputs, skipping: Set<String> = []) {
        let topLevel = inputs.inputs.filter(\.isTopLevel)
        for (index, input) in topLevel.enumerated() {
            if index >= Self.maxProperties {
                notes.append("only the first \(Self.maxProperties) of \(topLevel.count) parameters were turned into conditions")
                break
            }
            let name = input.name
            if skipping.contains(name) { continue }
            let constraints = Self.constraints(input)
            guard Self.isAddressable(name) else {
                if input.isRequired || !constraints.conditions.isEmpty {
                    notes.append("parameter \(Self.quoted(name)) cannot be named in a dotted args path, so it is not checked")
                }
                continue
            }
            notes += constraints.notes
            if input.isRequired {
                conditions.append(PolicyCondition(path: "args.\(name)", op: .exists, value: .bool(true)))
                conditions += constraints.conditions
            } else if !constraints.conditions.isEmpty {
                let kinds = constraints.conditions.map(\.op.rawValue).joined(separator: ", ")
                notes.append("optional parameter \(Self.quoted(name)): \(kinds) not enforced, because Intercept fails a condition whose argument is absent")
            }
        }
    }

    /// A parameter name Intercept can reach: `ResolveArgs` splits the path on every `.`.
    static func isAddressable(_ name: String) -> Bool { !name.isEmpty && !name.contains(".") }

    /// The conditions one input's constraints give (without `exists`). Value lists apply to any
    /// type; bounds only to numbers and lengths and patterns only to strings, so a condition never
    /// denies a value of another type the schema allows.
    static func constraints(_ input: ToolInputs.Input) -> (conditions: [PolicyCondition], notes: [String]) {
        let name = input.name
        let path = "args.\(name)"
        var conditions: [PolicyCondition] = []
        var notes: [String] = []
        if let values = input.values, !values.isEmpty {
            let scalars = values.filter { v in
                switch v { case .string, .number, .bool, .null: true; default: false }
            }
            if scalars.count != values.count || values.count > maxEnumValues {
                notes.append("enum of \(quoted(name)) has \(values.count) values or non-scalar ones; not turned into an `in` list")
            } else {
                conditions.append(PolicyCondition(path: path, op: .in, value: .array(scalars)))
            }
        }
        let types = Set(input.types)
        if types.isEmpty || types.isSubset(of: ["number", "integer"]) {
            let bounds: [(String?, ConditionOperator)] = [(input.minimum, .gte), (input.exclusiveMinimum, .gt),
                                                          (input.maximum, .lte), (input.exclusiveMaximum, .lt)]
            for case let (number?, op) in bounds { conditions.append(PolicyCondition(path: path, op: op, value: .number(number))) }
        }
        guard types.isEmpty || types == ["string"] else { return (conditions, notes) }
        if input.minLength != nil || input.maxLength != nil {
            let low = max(0, input.minLength ?? 0)
            let limit = RegexSupport.maxRepeat
            if low > limit || (input.maxLength ?? 0) > limit {
                notes.append("length limit of \(quoted(name)) is above RE2's repeat limit of \(limit); only what fits is checked")
            }
            if let maxLength = input.maxLength, maxLength <= limit, low <= maxLength {
                conditions.append(PolicyCondition(path: path, op: .regex, value: .string("(?s)^.{\(low),\(maxLength)}$")))
            } else if low > 0, low <= limit {
                conditions.append(PolicyCondition(path: path, op: .regex, value: .string("(?s)^.{\(low),}$")))
            }
        }
        if let pattern = input.pattern {
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
