import CLI
import Foundation
import Testing
import TestSupport

/// The committed rule docs must match what `mcprisk rules --format markdown` writes today.
struct RuleDocsFreshnessTests {
    @Test func committedRuleDocsAreCurrent() throws {
        let dir = RepoPaths.file("docs/rules")
        let expected = RuleDocFiles.all()
        for (name, text) in expected {
            let committed = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(committed == text, "docs/rules/\(name) is stale: run 'swift run mcprisk rules --format markdown'")
        }
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(present == Set(expected.map(\.0)), "docs/rules has files no rule writes: \(present.subtracting(expected.map(\.0)).sorted())")
    }
}
