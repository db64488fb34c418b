import JSON

/// Writes a policy in PolicyLayer's hosted JSON: `{"version": "1", "default": "deny", "hide": […],
/// "tools": {name: {"deny_if": […], "limits": […]}}}`; `{}` allows a tool. PolicyLayer can only
/// say "deny if", so each required condition becomes its own `deny_if` entry with the operator
/// negated (an entry denies when all its conditions match; one per condition gives "deny if any
/// fails"). Members are written in a fixed order, so the text is stable.
public enum PolicyLayerJSONWriter {
    /// The policy's JSON text (two-space indentation, trailing newline).
    public static func render(_ doc: PolicyDocument) -> String {
        var root = JSONObject()
        root["version"] = "1"
        root["default"] = "deny"
        if !doc.hidden.isEmpty { root["hide"] = .array(doc.hidden.map { .string($0.name) }) }
        var tools = JSONObject()
        for tool in doc.tools { tools[tool.name] = .object(entry(for: tool)) }
        root["tools"] = .object(tools)
        return JSONWriter.pretty.string(.object(root)) + "\n"
    }

    /// One tool's entry.
    static func entry(for tool: ToolPolicy) -> JSONObject {
        var denyIf: [JSONValue] = []
        var limits: [JSONValue] = []
        for rule in tool.rules {
            switch rule.kind {
            case .deny:
                denyIf.append(denyEntry([], onDeny: rule.onDeny))
            case .rateLimit(let max, let window):
                limits.append(limit(counter: "\(tool.name)_rate", window: window, max: max))
            case .require(let conditions):
                for c in conditions {
                    guard let negated = negate(c) else { continue }
                    denyIf.append(denyEntry([negated], onDeny: rule.onDeny))
                }
            case .runningTotal(let counter, _, _, _, let hourlyCallCap):
                limits.append(limit(counter: "\(tool.name)_\(counter)_calls", window: .hour, max: hourlyCallCap))
            }
        }
        var entry = JSONObject()
        if !denyIf.isEmpty { entry["deny_if"] = .array(denyIf) }
        if !limits.isEmpty { entry["limits"] = .array(limits) }
        return entry
    }

    /// The condition that holds exactly when `c` fails; nil for `regex` and `contains`.
    static func negate(_ c: PolicyCondition) -> JSONValue? {
        guard let op = c.op.negated else { return nil }
        var value = c.value
        if c.op == .exists, let b = c.value.boolValue { value = .bool(!b) }
        return condition(PolicyCondition(path: c.path, op: op, value: value))
    }

    static func condition(_ c: PolicyCondition) -> JSONValue {
        .object(JSONObject([("path", .string(c.path)), ("op", .string(c.op.rawValue)), ("value", c.value)]))
    }

    private static func denyEntry(_ conditions: [JSONValue], onDeny: String) -> JSONValue {
        .object(JSONObject([("conditions", .array(conditions)), ("on_deny", .string(onDeny))]))
    }

    private static func limit(counter: String, window: PolicyWindow, max: Int) -> JSONValue {
        .object(JSONObject([("counter", .string(counter)), ("window", .string(window.rawValue)),
                            ("max", .int(max)), ("scope", "grant")]))
    }
}
