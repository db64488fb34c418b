/// One tool entry of an Intercept policy, read and checked rule by rule (validate.go
/// `validateRule`, `validateCondition`, `validateState`; config.go `applyDefaults` for the
/// `rate_limit` shorthand, which expands to a `state.<tool>._rate_<window>` counter).
struct InterceptTool {
    let name: String
    private(set) var problems: [PolicyProblem] = []
    /// State counters the tool's rules define (after expanding `rate_limit`).
    private(set) var counters: Set<String> = []
    /// `state.…` paths its conditions read, with where.
    private var stateReferences: [(location: String, rule: String, path: String)] = []

    init(name: String, value: YAMLValue) {
        self.name = name
        let prefix = "tools.\(InterceptValidator.esc(name))"
        if value == .null { return }
        guard let entries = value.mappingValue else {
            report(prefix, nil, "rules", "tool entry must be a mapping with rules, got \(value.typeName)")
            return
        }
        for entry in entries where entry.key != "rules" {
            report("\(prefix).\(InterceptValidator.esc(entry.key))", nil, entry.key,
                   "unknown field \"\(InterceptValidator.esc(entry.key))\" (Intercept ignores it)", .warning)
        }
        guard let rulesValue = value["rules"], rulesValue != .null else { return }
        guard let rules = rulesValue.sequenceValue else {
            report("\(prefix).rules", nil, "rules", "rules must be a list, got \(rulesValue.typeName)")
            return
        }
        for (i, rule) in rules.enumerated() { check(rule: rule, location: "\(prefix).rules[\(i)]", index: i) }
    }

    private mutating func report(_ location: String, _ rule: String?, _ field: String, _ message: String, _ severity: PolicyProblem.Severity = .error) {
        problems.append(PolicyProblem(location: location, tool: name, rule: rule, field: field, message: message, severity: severity))
    }

    private mutating func define(counter: String, location: String, rule: String) {
        if !counters.insert(counter).inserted {
            report(location, rule, "state", "duplicate state counter \"\(InterceptValidator.esc(counter))\"")
        }
    }

    private mutating func check(rule: YAMLValue, location: String, index: Int) {
        guard let entries = rule.mappingValue else {
            report(location, nil, "rules", "rule must be a mapping, got \(rule.typeName)")
            return
        }
        let ruleName = rule["name"]?.scalarText ?? ""
        let label = ruleName.isEmpty ? "rules[\(index)]" : ruleName
        for entry in entries where !InterceptValidator.ruleKeys.contains(entry.key) {
            report("\(location).\(InterceptValidator.esc(entry.key))", label, entry.key,
                   "unknown field \"\(InterceptValidator.esc(entry.key))\" (Intercept ignores it)", .warning)
        }
        for field in ["name", "action", "rate_limit", "on_deny"] {
            if let v = rule[field], v != .null, v.scalarText == nil {
                report("\(location).\(field)", label, field, "\(field) must be a string, got \(v.typeName)")
            }
        }
        if ruleName.isEmpty { report(location, label, "name", "rule must have a name") }
        let action = rule["action"]?.scalarText ?? ""
        let rateLimit = rule["rate_limit"]?.scalarText ?? ""
        var conditions: [YAMLValue] = []
        if let c = rule["conditions"], c != .null {
            if let list = c.sequenceValue { conditions = list } else {
                report("\(location).conditions", label, "conditions", "conditions must be a list, got \(c.typeName)")
            }
        }
        let state = rule["state"].flatMap { $0 == .null ? nil : $0 }

        if !rateLimit.isEmpty {
            var ok = true
            if !conditions.isEmpty || state != nil {
                ok = false
                report("\(location).rate_limit", label, "rate_limit",
                       "rate_limit cannot be combined with conditions or state; use separate rules or the full syntax instead")
            }
            if action == "deny" { ok = false; report("\(location).rate_limit", label, "rate_limit", "rate_limit cannot be used with action \"deny\"") }
            switch Self.parseRateLimit(rateLimit) {
            case .failure(let error): report("\(location).rate_limit", label, "rate_limit", error.message)
            case .success(let window) where ok:
                define(counter: "_rate_\(window)", location: "\(location).rate_limit", rule: label)
                let scope = name == "*" ? "_global" : name
                stateReferences.append((location, label, "state.\(scope)._rate_\(window)"))
            case .success: break
            }
            return
        }
        let effective = action.isEmpty ? "evaluate" : action
        if effective != "evaluate" && effective != "deny" {
            report("\(location).action", label, "action", "action must be \"evaluate\" or \"deny\", got \"\(InterceptValidator.esc(action))\"")
        }
        if effective == "deny" && !conditions.isEmpty {
            report("\(location).conditions", label, "conditions", "deny rules must not have conditions")
        }
        if effective == "evaluate" && conditions.isEmpty {
            report("\(location).conditions", label, "conditions", "evaluate rules must have at least one condition")
        }
        for (j, condition) in conditions.enumerated() {
            let at = "\(location).conditions[\(j)]"
            guard condition.mappingValue != nil else {
                report(at, label, "conditions", "condition must be a mapping with path, op and value, got \(condition.typeName)")
                continue
            }
            problems += ConditionChecks.problems(Self.fields(condition), location: at, tool: name, rule: label)
            if let path = condition["path"]?.scalarText, path.hasPrefix("state.") { stateReferences.append((at, label, path)) }
        }
        if let state { check(state: state, location: "\(location).state", rule: label) }
    }

    private mutating func check(state: YAMLValue, location: String, rule: String) {
        guard let entries = state.mappingValue else {
            report(location, rule, "state", "state must be a mapping, got \(state.typeName)")
            return
        }
        for entry in entries where !InterceptValidator.stateKeys.contains(entry.key) {
            report("\(location).\(InterceptValidator.esc(entry.key))", rule, entry.key,
                   "unknown field \"\(InterceptValidator.esc(entry.key))\" (Intercept ignores it)", .warning)
        }
        let counter = state["counter"]?.scalarText ?? ""
        if counter.isEmpty { report("\(location).counter", rule, "counter", "counter must not be empty") } else {
            define(counter: counter, location: "\(location).counter", rule: rule)
        }
        if let problem = ConditionChecks.windowProblem(state["window"]?.scalarText, allowed: InterceptValidator.windows) {
            report("\(location).window", rule, "window", problem)
        }
        if let inc = state["increment"], inc != .null, !(inc.isNumeric && Int(inc.scalarText ?? "") != nil) {
            report("\(location).increment", rule, "increment", "increment must be an integer, got \(inc.typeName)")
        }
        let from = state["increment_from"]?.scalarText ?? ""
        if !from.isEmpty && !from.hasPrefix("args.") {
            report("\(location).increment_from", rule, "increment_from",
                   "increment_from must start with \"args.\", got \"\(InterceptValidator.esc(from))\"")
        }
    }

    /// Problems with `state.<tool>.<counter>` paths that no rule defines.
    func stateReferenceProblems(all tools: [String: InterceptTool]) -> [PolicyProblem] {
        var out: [PolicyProblem] = []
        for ref in stateReferences {
            // validate.go splits with strings.SplitN(path, ".", 3): a dot in a tool name breaks it.
            let parts = ref.path.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            let owner = tools[parts[1]] ?? (parts[1] == "_global" ? tools["*"] : nil)
            if owner?.counters.contains(parts[2]) != true {
                out.append(PolicyProblem(location: ref.location, tool: name, rule: ref.rule, field: "path",
                                         message: "condition references state.\(InterceptValidator.esc(parts[1])).\(InterceptValidator.esc(parts[2])) but no matching state block found"))
            }
        }
        return out
    }

    static func fields(_ c: YAMLValue) -> ConditionChecks.Fields {
        let value = c["value"]
        let kind: ConditionChecks.ValueKind? = switch value {
        case nil: nil
        case .sequence?: .list
        case .int?, .float?: .number
        case .bool?: .bool
        case .string?: .string
        case .null?: .null
        case .mapping?: .mapping
        }
        return ConditionChecks.Fields(path: c["path"]?.scalarText, op: c["op"]?.scalarText, value: kind, string: value?.stringValue)
    }

    /// `N/window` (config.go `parseRateLimit`): the window, or the message.
    static func parseRateLimit(_ s: String) -> Result<String, RateLimitError> {
        let parts = s.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(RateLimitError("rate_limit must be in the format \"N/window\" (e.g. \"5/hour\"), got \"\(InterceptValidator.esc(s))\""))
        }
        guard let count = Int(parts[0]), count > 0 else {
            return .failure(RateLimitError("rate_limit count must be a positive integer, got \"\(InterceptValidator.esc(String(parts[0])))\""))
        }
        let window = String(parts[1])
        guard InterceptValidator.windows.contains(window) else {
            return .failure(RateLimitError("rate_limit window must be \"minute\", \"hour\", or \"day\", got \"\(InterceptValidator.esc(window))\""))
        }
        return .success(window)
    }

    struct RateLimitError: Error { let message: String; init(_ m: String) { message = m } }
}
