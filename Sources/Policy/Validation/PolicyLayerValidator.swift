import JSON

/// Checks a PolicyLayer JSON policy against the documented shape (policylayer.com/docs/
/// writing-policies: `version` "1" and `default` "allow"/"deny" required, `hide`, `all_tools.limits`,
/// `tools[name]` with `require`, `deny_if`, `limits`; the seeds' `limits` entries `{counter,
/// window, max, scope}` and `deny_if` entries `{conditions, on_deny}`). Conditions are held to
/// Intercept's rules (same vendor, same condition shape).
public enum PolicyLayerValidator {
    static let topLevelKeys: Set = ["version", "default", "hide", "all_tools", "tools"]
    static let toolKeys: Set = ["require", "deny_if", "limits"]
    static let limitKeys: Set = ["counter", "window", "max", "scope"]
    static let windows = ["minute", "hour"]

    /// Every problem found; empty when the policy is valid.
    public static func validate(json: String) -> [PolicyProblem] {
        let document: JSONDocument
        do { document = try JSONParser().parse(json) } catch {
            return [PolicyProblem(location: "document", field: "json", message: "not valid JSON: \(error)")]
        }
        var problems = document.issues.map {
            PolicyProblem(location: $0.pointer.description.isEmpty ? "document" : $0.pointer.description, field: "json", message: $0.description)
        }
        guard let root = document.value.objectValue else {
            return problems + [PolicyProblem(location: "document", field: "document", message: "the policy must be an object, got \(document.value.typeName)")]
        }
        for key in root.keys where !topLevelKeys.contains(key) {
            problems.append(PolicyProblem(location: esc(key), field: key, message: "unknown field \"\(esc(key))\"", severity: .warning))
        }
        if root["version"]?.stringValue != "1" {
            problems.append(PolicyProblem(location: "version", field: "version", message: "version must be the string \"1\""))
        }
        let d = root["default"]?.stringValue
        if d != "allow" && d != "deny" {
            problems.append(PolicyProblem(location: "default", field: "default", message: "default must be \"allow\" or \"deny\""))
        }
        problems += hideProblems(root["hide"])
        var counters = Set<String>()
        if let all = root["all_tools"] {
            if all.objectValue == nil {
                problems.append(PolicyProblem(location: "all_tools", field: "all_tools", message: "all_tools must be an object"))
            } else {
                problems += limitProblems(all["limits"], location: "all_tools.limits", tool: nil, counters: &counters)
            }
        }
        if let tools = root["tools"] {
            guard let object = tools.objectValue else {
                return problems + [PolicyProblem(location: "tools", field: "tools", message: "tools must be an object keyed by tool name")]
            }
            for (name, entry) in object.members { problems += toolProblems(name: name, entry: entry, counters: &counters) }
        }
        return problems
    }

    private static func hideProblems(_ hide: JSONValue?) -> [PolicyProblem] {
        guard let hide else { return [] }
        guard let items = hide.arrayValue else {
            return [PolicyProblem(location: "hide", field: "hide", message: "hide must be an array of tool names")]
        }
        var out: [PolicyProblem] = []
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            guard let name = item.stringValue, !name.allSatisfy(\.isWhitespace) else {
                out.append(PolicyProblem(location: "hide[\(i)]", field: "hide", message: "entry must be a non-empty tool name"))
                continue
            }
            if !seen.insert(name).inserted {
                out.append(PolicyProblem(location: "hide", tool: name, field: "hide", message: "duplicate entry \"\(esc(name))\""))
            }
        }
        return out
    }

    private static func toolProblems(name: String, entry: JSONValue, counters: inout Set<String>) -> [PolicyProblem] {
        let at = "tools.\(esc(name))"
        guard let object = entry.objectValue else {
            return [PolicyProblem(location: at, tool: name, field: "tools", message: "tool entry must be an object ({} allows the tool)")]
        }
        var out: [PolicyProblem] = []
        for key in object.keys where !toolKeys.contains(key) {
            out.append(PolicyProblem(location: "\(at).\(esc(key))", tool: name, field: key, message: "unknown field \"\(esc(key))\"", severity: .warning))
        }
        if let require = object["require"], require.arrayValue == nil {
            out.append(PolicyProblem(location: "\(at).require", tool: name, field: "require", message: "require must be an array"))
        }
        if let denyIf = object["deny_if"] {
            if let entries = denyIf.arrayValue {
                for (i, e) in entries.enumerated() { out += denyIfProblems(e, location: "\(at).deny_if[\(i)]", tool: name) }
            } else {
                out.append(PolicyProblem(location: "\(at).deny_if", tool: name, field: "deny_if", message: "deny_if must be an array"))
            }
        }
        out += limitProblems(object["limits"], location: "\(at).limits", tool: name, counters: &counters)
        return out
    }

    private static func denyIfProblems(_ entry: JSONValue, location: String, tool: String) -> [PolicyProblem] {
        let rule = "deny_if"
        guard entry.objectValue != nil else {
            return [PolicyProblem(location: location, tool: tool, rule: rule, field: "deny_if", message: "deny_if entry must be an object")]
        }
        var out: [PolicyProblem] = []
        if let onDeny = entry["on_deny"], onDeny.stringValue == nil {
            out.append(PolicyProblem(location: "\(location).on_deny", tool: tool, rule: rule, field: "on_deny", message: "on_deny must be a string"))
        }
        guard let conditions = entry["conditions"]?.arrayValue else {
            out.append(PolicyProblem(location: "\(location).conditions", tool: tool, rule: rule, field: "conditions",
                                     message: "conditions must be an array ([] denies every call)"))
            return out
        }
        for (j, c) in conditions.enumerated() {
            let at = "\(location).conditions[\(j)]"
            guard c.objectValue != nil else {
                out.append(PolicyProblem(location: at, tool: tool, rule: rule, field: "conditions", message: "condition must be an object with path, op and value"))
                continue
            }
            let value = c["value"]
            let kind: ConditionChecks.ValueKind? = switch value {
            case nil: nil
            case .array?: .list
            case .number?: .number
            case .bool?: .bool
            case .string?: .string
            case .null?: .null
            case .object?, .skipped?: .mapping
            }
            out += ConditionChecks.problems(ConditionChecks.Fields(path: c["path"]?.stringValue, op: c["op"]?.stringValue,
                                                                   value: kind, string: value?.stringValue),
                                            location: at, tool: tool, rule: rule)
        }
        return out
    }

    private static func limitProblems(_ limits: JSONValue?, location: String, tool: String?, counters: inout Set<String>) -> [PolicyProblem] {
        guard let limits else { return [] }
        guard let entries = limits.arrayValue else {
            return [PolicyProblem(location: location, tool: tool, field: "limits", message: "limits must be an array")]
        }
        var out: [PolicyProblem] = []
        for (i, limit) in entries.enumerated() {
            let at = "\(location)[\(i)]"
            guard let object = limit.objectValue else {
                out.append(PolicyProblem(location: at, tool: tool, field: "limits", message: "limit must be an object"))
                continue
            }
            let counter = object["counter"]?.stringValue ?? ""
            let rule = counter.isEmpty ? "limits[\(i)]" : counter
            func add(_ field: String, _ message: String, _ severity: PolicyProblem.Severity = .error) {
                out.append(PolicyProblem(location: "\(at).\(field)", tool: tool, rule: rule, field: field, message: message, severity: severity))
            }
            for key in object.keys where !limitKeys.contains(key) { add(esc(key), "unknown field \"\(esc(key))\"", .warning) }
            if counter.isEmpty { add("counter", "counter must be a non-empty string") }
            else if !counters.insert(counter).inserted { add("counter", "duplicate counter \"\(esc(counter))\"") }
            if let problem = ConditionChecks.windowProblem(object["window"]?.stringValue, allowed: windows) { add("window", problem) }
            if (object["max"]?.intValue ?? 0) <= 0 { add("max", "max must be a positive integer") }
            if let scope = object["scope"], scope.stringValue != "grant" { add("scope", "scope must be \"grant\"") }
        }
        return out
    }

    static func esc(_ s: String) -> String { YAMLScalar.escapedContent(s) }
}
