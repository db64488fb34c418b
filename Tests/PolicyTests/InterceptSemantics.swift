import JSON
import Policy

/// A small model of Intercept's decision (engine.go `Evaluate`) over a parsed policy, for tests:
/// hidden → deny; default deny and unlisted → deny; `action: deny` → deny; every condition of an
/// evaluate rule must hold, a condition on an absent argument fails (except `exists`); state
/// conditions pass, as they do in Intercept without a state store; `rate_limit` rules pass.
enum InterceptSemantics {
    static func allows(policy: YAMLValue, tool: String, arguments: JSONValue) -> Bool {
        if policy["hide"]?.sequenceValue?.contains(.string(tool)) == true { return false }
        let tools = policy["tools"]?.mappingValue ?? []
        guard let entry = tools.first(where: { $0.key == tool }) else { return policy["default"]?.scalarText != "deny" }
        for rule in entry.value["rules"]?.sequenceValue ?? [] {
            if rule["action"]?.scalarText == "deny" { return false }
            if rule["rate_limit"] != nil { continue }
            for c in rule["conditions"]?.sequenceValue ?? [] where !holds(c, arguments) { return false }
        }
        return true
    }

    static func holds(_ c: YAMLValue, _ args: JSONValue) -> Bool {
        let path = c["path"]?.scalarText ?? ""
        if path.hasPrefix("state.") { return true }
        var current: JSONValue? = args
        for part in path.dropFirst(5).split(separator: ".", omittingEmptySubsequences: false) { current = current?[String(part)] }
        let op = c["op"]?.scalarText ?? ""
        let expected = c["value"] ?? .null
        if op == "exists" { return (current != nil && current != .null) == (expected == .bool(true)) }
        guard let actual = current else { return false }
        switch op {
        case "in": return expected.sequenceValue?.contains { equal(actual, $0) } ?? false
        case "not_in": return !(expected.sequenceValue?.contains { equal(actual, $0) } ?? false)
        case "eq": return equal(actual, expected)
        case "neq": return !equal(actual, expected)
        case "lt", "lte", "gt", "gte":
            guard let a = actual.doubleValue, let e = Double(expected.scalarText ?? "") else { return false }
            return op == "lt" ? a < e : op == "lte" ? a <= e : op == "gt" ? a > e : a >= e
        case "regex":
            guard let s = actual.stringValue, let p = expected.stringValue, let r = try? Regex(p) else { return false }
            return (try? r.firstMatch(in: s)) != nil
        default: return false
        }
    }

    static func equal(_ a: JSONValue, _ e: YAMLValue) -> Bool {
        if let x = a.doubleValue, let y = Double(e.scalarText ?? "") { return x == y }
        switch a {
        case .string(let s): return e.scalarText == s
        case .bool(let b): return e == .bool(b)
        default: return false
        }
    }
}

/// The same for PolicyLayer JSON as documented: an entry of `deny_if` denies when all its
/// conditions match (`[]` always matches); the condition operators as Intercept's.
enum PolicyLayerSemantics {
    static func allows(policy: JSONValue, tool: String, arguments: JSONValue) -> Bool {
        if policy["hide"]?.arrayValue?.contains(.string(tool)) == true { return false }
        guard let entry = policy["tools"]?[tool] else { return policy["default"]?.stringValue != "deny" }
        for d in entry["deny_if"]?.arrayValue ?? [] {
            let conditions = d["conditions"]?.arrayValue ?? []
            if conditions.allSatisfy({ matches($0, arguments) }) { return false }
        }
        return true
    }

    static func matches(_ c: JSONValue, _ args: JSONValue) -> Bool {
        // Reuse the YAML model by converting the condition.
        func yaml(_ v: JSONValue) -> YAMLValue {
            switch v {
            case .string(let s): .string(s)
            case .number(let n): .float(n)
            case .bool(let b): .bool(b)
            case .array(let a): .sequence(a.map(yaml))
            default: .null
            }
        }
        let y = YAMLValue.mapping([YAMLEntry(key: "path", value: yaml(c["path"] ?? .null), line: 0),
                                   YAMLEntry(key: "op", value: yaml(c["op"] ?? .null), line: 0),
                                   YAMLEntry(key: "value", value: yaml(c["value"] ?? .null), line: 0)])
        return InterceptSemantics.holds(y, args)
    }
}
