/// The condition rules both formats share, as Intercept's validate.go states them: paths start
/// with `args.` or `state.`, operators are known, `in`/`not_in` take lists, comparisons take
/// numbers, `exists` a boolean, `regex` a string that compiles under RE2.
enum ConditionChecks {
    /// The operators validate.go accepts (`validOps`).
    static let operators = Set(ConditionOperator.allCases.map(\.rawValue))

    /// A condition's fields in a format-neutral shape: each present field's value kind.
    struct Fields {
        var path: String?
        var op: String?
        /// What the value is: nil when absent.
        var value: ValueKind?
        /// The value's text, when it is a string (for regex checks).
        var string: String?
    }

    enum ValueKind { case list, number, bool, string, null, mapping }

    /// Problems with one condition at `location` (e.g. `tools.x.rules[0].conditions[1]`).
    static func problems(_ c: Fields, location: String, tool: String?, rule: String?) -> [PolicyProblem] {
        var out: [PolicyProblem] = []
        func add(_ field: String, _ message: String) {
            out.append(PolicyProblem(location: "\(location).\(field)", tool: tool, rule: rule, field: field, message: message))
        }
        let path = c.path ?? ""
        if !path.hasPrefix("args.") && !path.hasPrefix("state.") {
            add("path", "path must start with \"args.\" or \"state.\", got \"\(YAMLScalar.escapedContent(path))\"")
        }
        let op = c.op ?? ""
        if !operators.contains(op) {
            add("op", "unknown operator \"\(YAMLScalar.escapedContent(op))\"")
            return out
        }
        switch op {
        case "in", "not_in":
            if c.value != .list { add("value", "operator \"\(op)\" requires a list value") }
        case "lt", "lte", "gt", "gte":
            if c.value != .number { add("value", "operator \"\(op)\" requires a numeric value") }
        case "exists":
            if c.value != .bool { add("value", "operator \"exists\" requires a boolean value") }
        case "regex":
            if let s = c.string, c.value == .string {
                if let problem = RegexSupport.re2Problem(s) {
                    add("value", "invalid regex \"\(YAMLScalar.escapedContent(s))\": \(problem)")
                }
            } else {
                add("value", "regex value must be a string")
            }
        default:
            if c.value == nil { add("value", "condition has no value") }
        }
        return out
    }

    /// The problem with a window name, if any.
    static func windowProblem(_ window: String?, allowed: [String]) -> String? {
        guard let window, allowed.contains(window) else {
            let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
            return "window must be one of \(list), got \"\(YAMLScalar.escapedContent(window ?? ""))\""
        }
        return nil
    }
}
