import Testing
@testable import Risk

/// Rule pages, the index and the plain listing are rendered from the descriptions.
struct RuleDocsTests {
    @Test func pageHasEveryPart() throws {
        let rule = try #require(BuiltinRules.rule(id: "name-verb"))
        let page = RuleDocs.markdown(for: rule.description)
        #expect(page.hasPrefix("# `name-verb`: Verb in the tool name\n"))
        #expect(page.contains("| capability | capability | low | medium |"))
        #expect(page.contains("## Why"))
        #expect(page.contains("Evidence for destructive at `/name`"))
        #expect(page.contains("No hit"))
        #expect(page.contains(#""name": "k8s.pods.delete""#))
    }

    @Test func indexLinksEveryRuleAndEscapesCells() {
        let index = RuleDocs.index(BuiltinRules.all)
        for rule in BuiltinRules.all {
            #expect(index.contains("[`\(rule.description.id)`](\(rule.description.id).md)"))
        }
        #expect(RuleDocs.cell("a | b\nc") == "a \\| b c")
        #expect(index.contains("## Capability rules") && index.contains("## Finding rules"))
        #expect(index.contains("](../categories.md)"))
    }

    @Test func listingHasOneLinePerRule() {
        let lines = RuleCatalog.listing.split(separator: "\n")
        #expect(lines.count == BuiltinRules.all.count + 1)
        #expect(lines[0].hasPrefix("ID"))
        #expect(lines.contains { $0.hasPrefix("annotation-contradiction") && $0.contains("annotations") && $0.contains("finding") && $0.contains("high") })
    }
}
