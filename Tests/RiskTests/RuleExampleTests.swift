import JSON
import Testing
@testable import Risk

/// Every example of every rule runs as a test (DESIGN.md §3).
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
        let hits = rule.check(try ReviewedServer(parsing: c.example.json))
        // Pointers in a tool example are relative to the tool, which sits at /tools/0.
        let pointers = hits.map { hit -> String in
            guard isToolShorthand, hit.pointer.isWithin(JSONPointer(tokens: ["tools", "0"])) else { return hit.pointer.description }
            return JSONPointer(tokens: Array(hit.pointer.tokens.dropFirst(2))).description
        }
        switch c.example.expectation {
        case .passes:
            #expect(hits.isEmpty, "expected no hit, got \(zip(pointers, hits.map(\.quote)).map { "\($0) \"\($1)\"" })")
        case .triggers(let at):
            #expect(pointers.contains(at), "expected a hit at \(at), got \(pointers)")
        case .knownMiss(let why):
            #expect(hits.isEmpty, "known miss (\(why)) now hits at \(pointers): promote it to a trigger")
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
}
