import Foundation
import JSON
import Testing
@testable import Risk

/// The threat corpus scored (Tests/Fixtures/threats/README.md): at least 97% of poisoned definitions
/// caught at medium or higher within their `expect.within`, at most 2% of honest ones flagged, on each
/// part. The train part prints its misses and false alarms; the locked test part prints its figures only,
/// so nobody tunes a rule on it.
struct ThreatCorpusTests {
    static let minimumCaught = 0.97
    static let maximumFlagged = 0.02

    @Test func corpusIsComplete() {
        let cases = ThreatCorpus.cases
        #expect(cases.filter(\.isPoisoned).count >= 250 && cases.filter { !$0.isPoisoned }.count >= 250)
        #expect(Set(cases.map(\.id)).count == cases.count, "duplicate case ids")
        #expect(Set(cases.map(\.language)).isSuperset(of: ["en", "es", "de", "fr", "it", "pt", "ru", "ja", "zh", "ko"]))
        for part in [ThreatCorpus.Part.train, .retired, .test] { #expect(cases.contains { $0.part == part }, "no \(part) cases") }
    }

    @Test func trainPartMeetsTargets() {
        let outcomes = ThreatCorpus.cases.filter { $0.part == .train }.map { ThreatCorpus.run($0) }
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

    /// The retired part (the first two batches' old locked groups, the third to sixth batches: each the locked
    /// part until the next batch came, then tuned on: the rules on the third's, fourth's and sixth's misses and
    /// false alarms, the learned reading trained on the groups retired before the sixth, docs/threats.md): its
    /// figures and misses, held to what it measured after that tuning (1,087/1,202 caught, 40/1,186 flagged).
    @Test func retiredPartHoldsWhatItMeasured() {
        let outcomes = ThreatCorpus.cases.filter { $0.part == .retired }.map { ThreatCorpus.run($0) }
        let figures = ThreatCorpus.Figures(outcomes)
        var lines = figures.table("Threat corpus, retired part (tuned on: a training figure)")
        for o in outcomes where o.testCase.isPoisoned != o.hit {
            lines.append("  \(o.hit ? "flagged" : "missed") \(o.testCase.id) (\(o.testCase.place))" + o.findings.map { "\n      \($0)" }.joined())
        }
        EvalSnapshots.report(lines)
        #expect(figures.caught.hits >= 1087, "retired: \(figures.caught.text) poisoned caught")
        #expect(figures.flagged.hits <= 40, "retired: \(figures.flagged.text) honest flagged")
    }

    /// The locked part (the seventh batch; later batches join it), batch by batch: figures only, never which cases were
    /// missed. The targets (97% caught, 2% flagged) are not met on it (docs/threats.md); this holds the rules
    /// to what each batch measured when it was scored, once, after the last change before it was scored, so a
    /// change cannot slide back unseen.
    @Test(arguments: [("b7-", 200, 14)])
    func lockedTestPartHoldsWhatItMeasured(batch: String, caught: Int, flagged: Int) {
        let outcomes = ThreatCorpus.cases.filter { $0.isTest && $0.group.hasPrefix(batch) }.map { ThreatCorpus.run($0) }
        let figures = ThreatCorpus.Figures(outcomes)
        EvalSnapshots.report(figures.table("Threat corpus, locked test part, batch \(batch)"))
        #expect(figures.caught.hits >= caught, "test \(batch): \(figures.caught.text) poisoned caught")
        #expect(figures.flagged.hits <= flagged, "test \(batch): \(figures.flagged.text) honest flagged")
    }

    @Test func promptBodyFindingsBelongToTheirPrompt() {
        let body = JSONPointer("/promptBodies/1/result/messages/0/content/text")!
        #expect(ThreatCorpus.isWithin(body, JSONPointer("/prompts/1")!))
        #expect(ThreatCorpus.isWithin(body, JSONPointer("/prompts")!))
        #expect(!ThreatCorpus.isWithin(body, JSONPointer("/prompts/0")!))
        #expect(!ThreatCorpus.isWithin(body, JSONPointer("/tools/1")!))
    }
}
