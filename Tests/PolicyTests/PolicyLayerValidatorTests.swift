import Policy
import Testing

/// The PolicyLayer JSON validator: the documented top level, `deny_if` and `limits` entries.
struct PolicyLayerValidatorTests {
    static func errors(_ json: String) -> [PolicyProblem] { PolicyLayerValidator.validate(json: json).filter { $0.severity == .error } }

    @Test func seedShapeIsValid() {
        let json = """
        {"version": "1", "default": "deny", "hide": ["delete_account"],
         "all_tools": {"limits": [{"counter": "all_rate", "window": "minute", "max": 120, "scope": "grant"}]},
         "tools": {
           "list_customers": {},
           "create_customer": {"limits": [{"counter": "create_customer_rate", "window": "minute", "max": 30, "scope": "grant"}]},
           "create_charge": {"require": [], "deny_if": [{"conditions": [{"path": "args.amount", "op": "gt", "value": 10000}], "on_deny": "Over the ceiling."}]},
           "delete_customer": {"deny_if": [{"conditions": [], "on_deny": "Requires human approval."}]}}}
        """
        #expect(PolicyLayerValidator.validate(json: json).isEmpty, "\(PolicyLayerValidator.validate(json: json))")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String, json: String, location: String, message: String
        var testDescription: String { label }
    }

    static func tool(_ entry: String) -> String { "{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": \(entry)}}" }

    static let invalid: [Case] = [
        Case(label: "numeric version", json: "{\"version\": 1, \"default\": \"deny\", \"tools\": {}}", location: "version", message: "version must be the string \"1\""),
        Case(label: "missing default", json: "{\"version\": \"1\", \"tools\": {}}", location: "default", message: "default must be"),
        Case(label: "blank hide entry", json: "{\"version\": \"1\", \"default\": \"deny\", \"hide\": [\" \"]}", location: "hide[0]", message: "non-empty"),
        Case(label: "bad window", json: tool("{\"limits\": [{\"counter\": \"c\", \"window\": \"week\", \"max\": 5, \"scope\": \"grant\"}]}"),
             location: "tools.t.limits[0].window", message: "window must be one of \"minute\", \"hour\""),
        Case(label: "zero max", json: tool("{\"limits\": [{\"counter\": \"c\", \"window\": \"hour\", \"max\": 0, \"scope\": \"grant\"}]}"),
             location: "tools.t.limits[0].max", message: "max must be a positive integer"),
        Case(label: "missing counter", json: tool("{\"limits\": [{\"window\": \"hour\", \"max\": 3}]}"),
             location: "tools.t.limits[0].counter", message: "counter must be a non-empty string"),
        Case(label: "unknown scope", json: tool("{\"limits\": [{\"counter\": \"c\", \"window\": \"hour\", \"max\": 3, \"scope\": \"org\"}]}"),
             location: "tools.t.limits[0].scope", message: "scope must be \"grant\""),
        Case(label: "deny_if without conditions", json: tool("{\"deny_if\": [{\"on_deny\": \"x\"}]}"),
             location: "tools.t.deny_if[0].conditions", message: "conditions must be an array"),
        Case(label: "unknown op", json: tool("{\"deny_if\": [{\"conditions\": [{\"path\": \"args.a\", \"op\": \"like\", \"value\": 1}]}]}"),
             location: "tools.t.deny_if[0].conditions[0].op", message: "unknown operator \"like\""),
        Case(label: "bad path", json: tool("{\"deny_if\": [{\"conditions\": [{\"path\": \"a\", \"op\": \"eq\", \"value\": 1}]}]}"),
             location: "tools.t.deny_if[0].conditions[0].path", message: "path must start with"),
        Case(label: "bad regex", json: tool("{\"deny_if\": [{\"conditions\": [{\"path\": \"args.a\", \"op\": \"regex\", \"value\": \"(a)\\\\1\"}]}]}"),
             location: "tools.t.deny_if[0].conditions[0].value", message: "backreference"),
        Case(label: "tool entry not an object", json: tool("true"), location: "tools.t", message: "tool entry must be an object"),
        Case(label: "duplicate key", json: "{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": {}, \"t\": {}}}", location: "/tools/t", message: "duplicate"),
    ]

    @Test(arguments: invalid)
    func invalidPolicyIsReported(c: Case) {
        let problems = Self.errors(c.json)
        #expect(problems.contains { $0.location == c.location && $0.message.contains(c.message) },
                "expected \(c.location): \(c.message); got \(problems.map(\.description))")
    }

    @Test func duplicateCountersAcrossTools() {
        let json = """
        {"version": "1", "default": "deny", "tools": {
          "a": {"limits": [{"counter": "c", "window": "hour", "max": 1, "scope": "grant"}]},
          "b": {"limits": [{"counter": "c", "window": "hour", "max": 1, "scope": "grant"}]}}}
        """
        #expect(Self.errors(json).contains { $0.tool == "b" && $0.message == "duplicate counter \"c\"" })
    }

    @Test func notJSONIsOneProblem() {
        let problems = PolicyLayerValidator.validate(json: "{\"version\": ")
        #expect(problems.count == 1 && problems[0].field == "json")
    }

    @Test func unknownFieldsAreWarnings() {
        let problems = PolicyLayerValidator.validate(json: "{\"version\": \"1\", \"default\": \"deny\", \"tools\": {\"t\": {\"limit\": []}}}")
        #expect(problems.count == 1 && problems[0].severity == .warning && problems[0].location == "tools.t.limit")
    }
}
