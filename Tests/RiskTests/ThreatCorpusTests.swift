import Foundation
import JSON
import Testing
@testable import Risk

/// The threat corpus scored (Tests/Fixtures/threats/README.md): at least 97% of poisoned definitions
/// caught at medium or higher within their `expect.within`, at most 2% of honest ones flagged, on each
/// part. The train part prints its misses and false alarms; the test part prints its figures only (it
/// was locked until it was retired and tuned on; see `lockedTestPartHoldsWhatItMeasured`).
struct ThreatCorpusTests {
    static let minimumCaught = 0.97
    static let maximumFlagged = 0.02

    @Test func corpusIsComplete() {
        let cases = ThreatCorpus.cases
        #expect(cases.filter(\.isPoisoned).count >= 250 && cases.filter { !$0.isPoisoned }.count >= 250)
        #expect(Set(cases.map(\.id)).count == cases.count, "duplicate case ids")
        #expect(Set(cases.map(\.language)).isSuperset(of: ["en", "es", "de", "fr", "it", "pt", "ru", "ja", "zh", "ko"]))
        #expect(cases.contains { $0.isTest } && cases.contains { !$0.isTest })
    }

    @Test func trainPartMeetsTargets() {
        let outcomes = ThreatCorpus.cases.filter { !$0.isTest }.map { ThreatCorpus.run($0) }
        let figures = ThreatCorpus.Figures(outcomes)
        var lines = figures.table("Threat corpus, train part")
        for o in outcomes where o.testCase.isPoisoned && !o.hit {
            lines.append("  missed \(o.testCase.id) (\(o.testCase.place))" + o.findings.map { "\n      (elsewhere) \($0)" }.joined())
        }
        for o in outcomes where !o.testCase.isPoisoned && o.hit {
            lines.append("  flagged \(o.testCase.id) (\(o.testCase.place))" + o.findings.map { "\n      \($0)" }.joined())
        }
        EvalSnapshots.report(lines)
        #expect(figures.caught.rate >= Self.minimumCaught, "train: \(figures.caught.text) poisoned caught")
        #expect(figures.flagged.rate <= Self.maximumFlagged, "train: \(figures.flagged.text) honest flagged")
    }

    /// The part that was locked until a third batch was commissioned to replace it: figures only. It has
    /// since been tuned on (its misses and false alarms read and their mechanisms fixed, docs/threats.md),
    /// so its figures are training figures now: 172/241 caught and 14/224 flagged when it was retired,
    /// 236/241 and 0/224 after. This holds the rules to the latter, so a change cannot slide back unseen;
    /// the third batch, never read, becomes the locked part.
    @Test func lockedTestPartHoldsWhatItMeasured() {
        let outcomes = ThreatCorpus.cases.filter(\.isTest).map { ThreatCorpus.run($0) }
        let figures = ThreatCorpus.Figures(outcomes)
        EvalSnapshots.report(figures.table("Threat corpus, retired test part (now tuned on)"))
        #expect(figures.caught.hits >= 236, "test: \(figures.caught.text) poisoned caught")
        #expect(figures.flagged.hits <= 0, "test: \(figures.flagged.text) honest flagged")
    }

    @Test func promptBodyFindingsBelongToTheirPrompt() {
        let body = JSONPointer("/promptBodies/1/result/messages/0/content/text")!
        #expect(ThreatCorpus.isWithin(body, JSONPointer("/prompts/1")!))
        #expect(ThreatCorpus.isWithin(body, JSONPointer("/prompts")!))
        #expect(!ThreatCorpus.isWithin(body, JSONPointer("/prompts/0")!))
        #expect(!ThreatCorpus.isWithin(body, JSONPointer("/tools/1")!))
    }
}
