import JSON

/// Writes a policy in policylayer/intercept's YAML (POLICY.md): `version`, `description`,
/// `default: deny`, `hide`, and `tools` mapping each tool to named `rules`. Every string is
/// double-quoted and escaped (`YAMLScalar`), so the text is a pure function of the document and
/// no name can change its structure.
public enum InterceptYAMLWriter {
    /// YAML limits an implicit key to 1024 characters (YAML 1.2 §7.4.2; gopkg.in/yaml.v3 refuses
    /// longer simple keys), so a longer tool name cannot be a key under `tools`. Such a tool is
    /// left out with a comment, and `default: deny` blocks it.
    public static let maxKeyCharacters = 1024

    /// True when `name`, quoted and escaped, fits in a YAML mapping key.
    public static func fitsAsKey(_ name: String) -> Bool { YAMLScalar.quoted(name).count <= maxKeyCharacters }

    /// The policy's YAML text.
    public static func render(_ doc: PolicyDocument) -> String {
        var out: [String] = []
        out.append(YAMLScalar.comment("mcprisk starter policy for \(doc.serverName) (profile: \(doc.profile.rawValue))"))
        out.append("# Generated from the tools' classification: review before enforcing.")
        for note in doc.notes { out.append(YAMLScalar.comment("note: " + note)) }
        out.append("version: \"1\"")
        out.append("description: " + YAMLScalar.quoted(doc.summary))
        out.append("default: \"deny\"")
        if !doc.hidden.isEmpty {
            out.append("hide:")
            for tool in doc.hidden {
                out.append("  " + YAMLScalar.comment("hidden: " + tool.reason))
                out.append("  - " + YAMLScalar.quoted(tool.name))
            }
        }
        if !doc.tools.contains(where: { fitsAsKey($0.name) }) { out.append("tools: {}") } else { out.append("tools:") }
        for tool in doc.tools {
            guard fitsAsKey(tool.name) else {
                out.append("  " + YAMLScalar.comment("left out: a tool whose name is \(tool.name.count) characters long (longer than a YAML key may be); default deny blocks it"))
                continue
            }
            out.append("  " + YAMLScalar.quoted(tool.name) + ":")
            out.append("    " + YAMLScalar.comment("category: \(tool.category.rawValue)"))
            for note in tool.notes { out.append("    " + YAMLScalar.comment(note)) }
            let rules = expressible(tool)
            if rules.isEmpty { out.append("    rules: []"); continue }
            out.append("    rules:")
            for rule in rules { out += lines(for: rule, tool: tool.name) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The tool's rules, with counter rules replaced by a denial when the tool's name contains
    /// a dot: Intercept reads `state.<tool>.<counter>` by splitting on dots (validate.go
    /// `strings.SplitN(cond.Path, ".", 3)`), so such a tool's counters can never be found, and a
    /// rate_limit on it fails validation. Failing closed keeps the policy valid and safe.
    static func expressible(_ tool: ToolPolicy) -> [PolicyRule] {
        guard tool.name.contains("."), !tool.isDenied else { return tool.rules }
        let replaced = tool.rules.filter {
            switch $0.kind {
            case .rateLimit, .runningTotal: true
            case .deny, .require: false
            }
        }
        guard !replaced.isEmpty else { return tool.rules }
        return [PolicyRule(name: "counter not expressible", kind: .deny,
                           onDeny: "This tool's name contains a dot, so Intercept cannot keep its counters (\(replaced.map(\.name).joined(separator: ", "))); it is denied until a person writes its limits.")]
    }

    private static func lines(for rule: PolicyRule, tool: String) -> [String] {
        var out = ["      - name: " + YAMLScalar.quoted(rule.name)]
        let field = "        "
        switch rule.kind {
        case .deny:
            out.append(field + "action: \"deny\"")
        case .rateLimit(let max, let window):
            out.append(field + "rate_limit: " + YAMLScalar.quoted("\(max)/\(window.rawValue)"))
        case .require(let conditions):
            out.append(field + "conditions:")
            for c in conditions { out += conditionLines(c) }
        case .runningTotal(let counter, _, let max, _, _):
            out.append(field + "conditions:")
            out += conditionLines(PolicyCondition(path: "state.\(tool).\(counter)", op: .lte, value: .int(max)))
        }
        out.append(field + "on_deny: " + YAMLScalar.quoted(rule.onDeny))
        if case .runningTotal(let counter, let argument, _, let window, _) = rule.kind {
            out.append(field + "state:")
            out.append(field + "  counter: " + YAMLScalar.quoted(counter))
            out.append(field + "  window: " + YAMLScalar.quoted(window.rawValue))
            out.append(field + "  increment_from: " + YAMLScalar.quoted(argument))
        }
        return out
    }

    private static func conditionLines(_ c: PolicyCondition) -> [String] {
        ["          - path: " + YAMLScalar.quoted(c.path),
         "            op: " + YAMLScalar.quoted(c.op.rawValue),
         "            value: " + YAMLScalar.flow(c.value)]
    }
}
