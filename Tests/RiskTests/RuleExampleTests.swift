import JSON
import Testing
@testable import Risk

/// Every example of every rule runs as a test (docs/architecture.md, "The rule model"): a triggering
/// example must produce a hit at its pointer with the category (capability rules) or severity (finding
/// rules) it states.
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let ruleId: String
        let index: Int
        let example: RuleExample
        var testDescription: String { "\(ruleId) example \(index + 1)" }
    }

    static let cases: [Case] = BuiltinRules.all.flatMap { rule in
        rule.description.examples.enumerated().map { Case(ruleId: rule.description.id, index: $0.offset, example: $0.element) }
    }

    @Test(arguments: cases)
    func example(_ c: Case) throws {
        let rule = try #require(BuiltinRules.rule(id: c.ruleId))
        let json = try JSONValue(parsing: c.example.json)
        let isToolShorthand = json["name"] != nil && json["tools"] == nil
        // Parsed again to keep the parser's issues (duplicate keys) and `otherServersTools` for the rules.
        let hits = rule.exampleHits(try ReviewedServer(parsing: c.example.json))
        // Pointers in a tool example are relative to the tool, which sits at /tools/0.
        let found = hits.map { hit -> (String, RuleExample.Outcome) in
            guard isToolShorthand, hit.pointer.isWithin(JSONPointer(tokens: ["tools", "0"])) else { return (hit.pointer.description, hit.outcome) }
            return (JSONPointer(tokens: Array(hit.pointer.tokens.dropFirst(2))).description, hit.outcome)
        }
        switch c.example.expectation {
        case .passes:
            #expect(hits.isEmpty, "expected no hit, got \(found)")
        case .triggers(let at, let outcome):
            #expect(found.contains { $0.0 == at && $0.1 == outcome }, "expected \(outcome) at \(at), got \(found)")
        case .knownMiss(let why):
            #expect(hits.isEmpty, "known miss (\(why)) now hits at \(found): promote it to a trigger")
        }
    }

    @Test func idsAreUniqueKebabCase() {
        let ids = BuiltinRules.all.map(\.description.id)
        #expect(Set(ids).count == ids.count, "duplicate rule ids: \(ids)")
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !id.hasPrefix("-"), "\(id) is not kebab-case")
        }
    }

    @Test func everyRuleHasExamplesAndProse() {
        for rule in BuiltinRules.all {
            let d = rule.description
            #expect(d.examples.contains { if case .triggers = $0.expectation { true } else { false } }, "\(d.id) has no triggering example")
            #expect(d.examples.contains { $0.expectation == .passes }, "\(d.id) has no passing example")
            #expect(!d.summary.isEmpty && !d.rationale.isEmpty && !d.title.isEmpty, "\(d.id) lacks prose")
        }
    }

    @Test func examplesStateTheOutcomeOfTheirRulesKind() {
        for rule in BuiltinRules.all {
            let d = rule.description
            for example in d.examples {
                guard case .triggers(_, let outcome) = example.expectation else { continue }
                switch (d.kind, outcome) {
                case (.capability, .category), (.signal, .signal), (.finding, .severity): continue
                default: Issue.record("\(d.id): a \(d.kind.rawValue) rule's example states \(outcome)")
                }
            }
        }
    }
}
