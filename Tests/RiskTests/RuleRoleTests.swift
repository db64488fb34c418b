import JSON
import Testing
@testable import Risk

/// Each rule hands the assessor its kind (`Rule.role`) as a cast would have found it.
struct RuleRoleTests {
    /// A rule of no kind the assessor runs.
    struct PlainRule: Rule {
        var description: RuleDescription {
            RuleDescription(id: "plain", title: "Plain", family: "tests", kind: .finding, severity: .low, confidence: .low,
                            summary: "Nothing.", rationale: "Nothing.", examples: [])
        }
        func exampleHits(_ server: ReviewedServer) -> [(pointer: JSONPointer, outcome: RuleExample.Outcome)] { [] }
    }

    @Test func everyBuiltinRuleIsTheKindItConformsTo() {
        for rule in BuiltinRules.all {
            let role = rule.role
            let id = rule.description.id
            #expect((role.capability != nil) == (rule is any CapabilityRule), "\(id)")
            #expect((role.signal != nil) == (rule is any SignalRule), "\(id)")
            #expect((role.finding != nil) == (rule is any FindingRule), "\(id)")
            #expect((role.verdict != nil) == (rule is any VerdictRule), "\(id)")
            let kinds = [role.capability != nil, role.signal != nil, role.finding != nil, role.verdict != nil].filter { $0 }.count
            #expect(kinds == 1, "\(id)")
        }
        #expect(BuiltinRules.capability.allSatisfy { $0.role.capability != nil })
        #expect(BuiltinRules.signal.allSatisfy { $0.role.signal != nil })
    }

    @Test func aRuleOfNoKindIsNotRun() {
        let role = PlainRule().role
        #expect(role.capability == nil && role.signal == nil && role.finding == nil && role.verdict == nil)
        #expect(Assessor(rules: [PlainRule()]).rules.count == 1)
    }
}
