import Policy
import Testing

/// The validator enforces Intercept's documented rules (validate.go, POLICY.md "Validation
/// errors") on text it parses itself.
struct InterceptValidatorTests {
    /// A policy with one tool `t` whose single rule is `rule` (indented as a rule body).
    static func policy(rule: String, extra: String = "") -> String {
        """
        version: "1"
        default: deny
        \(extra)
        tools:
          t:
            rules:
              - \(rule.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n        "))
        """
    }

    static func errors(_ yaml: String) -> [PolicyProblem] { InterceptValidator.validate(yaml: yaml).filter { $0.severity == .error } }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String, rule: String, field: String, message: String
        var testDescription: String { label }
    }

    static let invalid: [Case] = [
        Case(label: "missing name", rule: "action: deny", field: "name", message: "rule must have a name"),
        Case(label: "deny with conditions", rule: "name: d\naction: deny\nconditions:\n  - {path: args.a, op: eq, value: 1}",
             field: "conditions", message: "deny rules must not have conditions"),
        Case(label: "rate_limit with conditions", rule: "name: r\nrate_limit: 5/hour\nconditions:\n  - {path: args.a, op: eq, value: 1}",
             field: "rate_limit", message: "rate_limit cannot be combined with conditions or state"),
        Case(label: "rate_limit with deny", rule: "name: r\nrate_limit: 5/hour\naction: deny", field: "rate_limit", message: "rate_limit cannot be used with action \"deny\""),
        Case(label: "bad path prefix", rule: "name: p\nconditions:\n  - path: amount\n    op: lte\n    value: 5",
             field: "path", message: "path must start with \"args.\" or \"state.\", got \"amount\""),
        Case(label: "unknown op", rule: "name: o\nconditions:\n  - {path: args.a, op: like, value: x}", field: "op", message: "unknown operator \"like\""),
        Case(label: "bad regex", rule: "name: x\nconditions:\n  - {path: args.a, op: regex, value: \"(unclosed\"}", field: "value", message: "invalid regex"),
        Case(label: "lookahead regex", rule: "name: x\nconditions:\n  - {path: args.a, op: regex, value: \"^(?!rm)\"}", field: "value", message: "not supported by RE2"),
        Case(label: "bad rate_limit window", rule: "name: w\nrate_limit: 5/week", field: "rate_limit", message: "rate_limit window must be"),
        Case(label: "bad rate_limit count", rule: "name: w\nrate_limit: 0/hour", field: "rate_limit", message: "count must be a positive integer"),
        Case(label: "bad state window", rule: "name: s\nconditions:\n  - {path: state.t.c, op: lte, value: 5}\nstate:\n  counter: c\n  window: week",
             field: "window", message: "window must be one of"),
        Case(label: "in without list", rule: "name: i\nconditions:\n  - {path: args.a, op: in, value: usd}", field: "value", message: "requires a list value"),
        Case(label: "lte with quoted number", rule: "name: n\nconditions:\n  - {path: args.a, op: lte, value: \"5\"}", field: "value", message: "requires a numeric value"),
        Case(label: "exists with string", rule: "name: e\nconditions:\n  - {path: args.a, op: exists, value: \"yes\"}", field: "value", message: "requires a boolean value"),
        Case(label: "evaluate without conditions", rule: "name: v\non_deny: no", field: "conditions", message: "evaluate rules must have at least one condition"),
        Case(label: "unknown action", rule: "name: a\naction: require_approval", field: "action", message: "action must be \"evaluate\" or \"deny\""),
        Case(label: "state without block", rule: "name: s\nconditions:\n  - {path: state.t.daily, op: lte, value: 5}", field: "path", message: "no matching state block"),
        Case(label: "increment_from outside args", rule: "name: s\nconditions:\n  - {path: state.t.c, op: lte, value: 5}\nstate: {counter: c, window: day, increment_from: amount}",
             field: "increment_from", message: "increment_from must start with \"args.\""),
        Case(label: "non-integer increment", rule: "name: s\nconditions:\n  - {path: state.t.c, op: lte, value: 5}\nstate: {counter: c, window: day, increment: two}",
             field: "increment", message: "increment must be an integer"),
    ]

    @Test(arguments: invalid)
    func invalidRuleIsReported(c: Case) {
        let problems = Self.errors(Self.policy(rule: c.rule))
        let match = problems.first { $0.field == c.field && $0.message.contains(c.message) }
        #expect(match != nil, "expected \(c.field): \(c.message); got \(problems.map(\.description))")
        #expect(match?.tool == "t")
        #expect(match?.location.hasPrefix("tools.t.rules[0]") == true)
    }

    @Test func problemsNameTheRule() {
        let p = Self.errors(Self.policy(rule: "name: \"cap\"\nconditions:\n  - {path: args.a, op: like, value: 1}"))
        #expect(p.count == 1)
        #expect(p.first?.rule == "cap" && p.first?.location == "tools.t.rules[0].conditions[0].op")
    }

    @Test func documentLevelProblems() {
        let bad = """
        version: 2
        default: maybe
        hide: ["a", "", "a"]
        tools:
          t:
            rules: []
        """
        let messages = Self.errors(bad).map(\.message)
        #expect(messages.contains("version must be \"1\", got \"2\""))
        #expect(messages.contains("default must be \"allow\" or \"deny\", got \"maybe\""))
        #expect(messages.contains("entry must not be empty"))
        #expect(messages.contains("duplicate entry \"a\""))
        #expect(Self.errors("version: \"1\"\n").map(\.message) == ["tools is required"])
    }

    @Test func duplicateCountersAreReported() {
        let yaml = """
        version: "1"
        tools:
          t:
            rules:
              - name: a
                rate_limit: 5/minute
              - name: b
                rate_limit: 50/minute
        """
        #expect(Self.errors(yaml).contains { $0.message.contains("duplicate state counter \"_rate_minute\"") && $0.rule == "b" })
    }

    @Test func dottedToolNameCannotBeRateLimited() {
        // Intercept expands rate_limit to state.<tool>._rate_<window> and splits on dots.
        let yaml = "version: \"1\"\ntools:\n  \"a.b\":\n    rules:\n      - name: r\n        rate_limit: 5/minute\n"
        #expect(Self.errors(yaml).contains { $0.message.contains("no matching state block") })
    }

    @Test func misspeltFieldsAreWarnings() {
        let yaml = "version: \"1\"\ntools:\n  t:\n    rule:\n      - name: r\n        action: deny\n"
        let problems = InterceptValidator.validate(yaml: yaml)
        #expect(problems.count == 1 && problems[0].severity == .warning && problems[0].field == "rule")
    }

    @Test func unreadableYAMLIsOneProblemWithTheLine() {
        let problems = InterceptValidator.validate(yaml: "version: \"1\"\ntools:\n  t: {}\n  t: {}\n")
        #expect(problems.count == 1 && problems[0].field == "yaml" && problems[0].location == "line 4")
    }

    /// Written the way POLICY.md's examples are: unquoted values, flow lists, comments, a
    /// wildcard with a global counter, dynamic increments.
    @Test func documentedExamplesAreValid() {
        let yaml = """
        version: "1"
        description: "Payments policies"   # trailing comment
        hide:
          - transfer_repository
        tools:
          create_charge:
            rules:
              - name: "max single charge"
                conditions:
                  - path: "args.amount"
                    op: "lte"
                    value: 50000
                on_deny: "Single charge cannot exceed $500.00"
              - name: "daily spend cap"
                conditions:
                  - path: "state.create_charge.daily_spend"
                    op: "lte"
                    value: 1000000
                on_deny: "Daily spending cap of $10,000.00 reached"
                state:
                  counter: "daily_spend"
                  window: "day"
                  increment_from: "args.amount"
              - name: "allowed currencies"
                conditions:
                  - path: "args.currency"
                    op: "in"
                    value: ["usd", "eur"]
          create_issue:
            rules:
              - name: hourly issue limit
                rate_limit: 5/hour
          delete_customer:
            rules:
              - name: "block destructive action"
                action: "deny"
                on_deny: >-
                  Customer deletion is not permitted
                  via AI agents
          read_file:
            rules: []
          "*":
            rules:
              - name: "global rate limit"
                conditions:
                  - path: "state._global.calls_per_minute"
                    op: "lte"
                    value: 60
                state:
                  counter: "calls_per_minute"
                  window: "minute"
        """
        #expect(InterceptValidator.validate(yaml: yaml).isEmpty, "\(InterceptValidator.validate(yaml: yaml))")
    }

    /// The shape `intercept scan` writes (four-space indentation, comments between entries).
    @Test func scanScaffoldShapeIsValid() {
        let yaml = """
        #  Generated by Intercept
        version: "1"
        description: "Policy for server-git"
        #  Set to "deny" to reject tool calls not listed below
        default: "allow"
        tools:
            #  git_show: Shows the contents of a commit
            git_show:
                rules: []
            git_add:
                rules: []

          # Uncomment to apply a global rate limit across all tools:
          # "*":
          #   rules:
        """
        #expect(InterceptValidator.validate(yaml: yaml).isEmpty, "\(InterceptValidator.validate(yaml: yaml))")
    }
}
