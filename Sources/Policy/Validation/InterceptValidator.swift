/// Checks an Intercept YAML policy the way `intercept validate` does (PolicyLayer/Intercept
/// internal/config/validate.go and config.go, POLICY.md "Validation errors"), after reading the
/// text with our own YAML subset parser. It also warns about fields Intercept silently ignores
/// (a misspelt `rule:` would otherwise drop a tool's rules without a word).
public enum InterceptValidator {
    static let topLevelKeys: Set = ["version", "description", "default", "hide", "tools"]
    static let ruleKeys: Set = ["name", "action", "rate_limit", "conditions", "on_deny", "state"]
    static let stateKeys: Set = ["counter", "window", "increment", "increment_from"]
    static let windows = ["minute", "hour", "day"]

    /// Every problem found (not just the first); empty when the policy is valid.
    public static func validate(yaml: String) -> [PolicyProblem] {
        let root: YAMLValue
        do { root = try YAMLSubsetParser().parse(yaml) } catch {
            return [PolicyProblem(location: "line \(error.line)", field: "yaml", message: error.message)]
        }
        guard let entries = root.mappingValue else {
            return [PolicyProblem(location: "document", field: "document", message: "the policy must be a mapping, got \(root.typeName)")]
        }
        var problems: [PolicyProblem] = []
        for entry in entries where !topLevelKeys.contains(entry.key) {
            problems.append(PolicyProblem(location: esc(entry.key), field: entry.key,
                                          message: "unknown field \"\(esc(entry.key))\" (Intercept ignores it)", severity: .warning))
        }
        let version = root["version"]?.scalarText ?? ""
        if version != "1" { problems.append(PolicyProblem(location: "version", field: "version", message: "version must be \"1\", got \"\(esc(version))\"")) }
        if let d = root["default"], d != .null {
            let text = d.scalarText ?? ""
            if text != "allow" && text != "deny" {
                problems.append(PolicyProblem(location: "default", field: "default", message: "default must be \"allow\" or \"deny\", got \"\(esc(text))\""))
            }
        }
        problems += hideProblems(root["hide"])
        guard let toolsValue = root["tools"], toolsValue != .null else {
            problems.append(PolicyProblem(location: "tools", field: "tools", message: "tools is required"))
            return problems
        }
        guard let tools = toolsValue.mappingValue else {
            problems.append(PolicyProblem(location: "tools", field: "tools", message: "tools must be a mapping of tool names, got \(toolsValue.typeName)"))
            return problems
        }
        for entry in tools where entry.key.count > InterceptYAMLWriter.maxKeyCharacters - 2 {
            problems.append(PolicyProblem(location: "line \(entry.line)", tool: entry.key, field: "tools",
                                          message: "tool name of \(entry.key.count) characters is longer than a YAML key may be (1024)"))
        }
        let parsed = tools.map { InterceptTool(name: $0.key, value: $0.value) }
        for tool in parsed { problems += tool.problems }
        // Counter references are checked across tools once every rule is read (validate.go
        // `hasMatchingStateBlock`).
        var byName: [String: InterceptTool] = [:]
        for tool in parsed { byName[tool.name] = tool }
        for tool in parsed { problems += tool.stateReferenceProblems(all: byName) }
        return problems
    }

    private static func hideProblems(_ hide: YAMLValue?) -> [PolicyProblem] {
        guard let hide, hide != .null else { return [] }
        guard let items = hide.sequenceValue else {
            return [PolicyProblem(location: "hide", field: "hide", message: "hide must be a list of tool names, got \(hide.typeName)")]
        }
        var problems: [PolicyProblem] = []
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            guard let name = item.scalarText else {
                problems.append(PolicyProblem(location: "hide[\(i)]", field: "hide", message: "entry must be a tool name, got \(item.typeName)"))
                continue
            }
            if name.allSatisfy(\.isWhitespace) {
                problems.append(PolicyProblem(location: "hide[\(i)]", field: "hide", message: "entry must not be empty"))
            } else if !seen.insert(name).inserted {
                problems.append(PolicyProblem(location: "hide", tool: name, field: "hide", message: "duplicate entry \"\(esc(name))\""))
            }
        }
        return problems
    }

    static func esc(_ s: String) -> String { YAMLScalar.escapedContent(s) }
}
