import Foundation
import JSON
import Testing
import TestSupport
@testable import Risk

/// The evaluation arithmetic on a small inline set, and the targets on the real labelled set.
struct EvaluationTests {
    static let labels = """
    server\ttool\tcategory\tnote
    demo\tget_user\tread\t
    demo\tdelete_user\tdestructive\t
    demo\trun_shell\texecute\truns anything
    demo\tmystery\texecute\t
    demo\tgone\tread\tno such tool
    """
    static let snapshot = #"""
    {"server": "demo", "tools": [
      {"name": "get_user", "description": "Returns a user."},
      {"name": "delete_user", "description": "Deletes a user."},
      {"name": "run_shell", "description": "Run a shell command.", "inputSchema": {"type": "object", "properties": {"command": {"type": "string"}}}},
      {"name": "mystery", "description": "Returns something.", "annotations": {"readOnlyHint": true}},
      {"name": "unlabelled"}
    ]}
    """#

    @Test func countsAgreementConfusionAndMisses() throws {
        let e = try Evaluation(labelsTSV: Self.labels, snapshots: [("demo", Self.snapshot)])
        #expect(e.compared == 4 && e.correct == 3 && e.servers == 1)
        #expect(e.accuracy == 0.75)
        #expect(e.dangerousAsRead == 1)
        #expect(e.confusion[Category.execute.rank][Category.read.rank] == 1)
        #expect(e.misses == [Evaluation.Miss(server: "demo", tool: "mystery", expected: .execute, got: .read, deciding: e.misses.first?.deciding ?? "")])
        #expect(e.misses.first?.deciding.contains("Returns") == true)
        #expect(e.unmatchedLabels == ["demo/gone"])
        #expect(e.unlabelledTools == ["demo/unlabelled"])
        #expect(e.findingsByServer["demo"]?["missing-annotations"] == 3)
        #expect(e.text.contains("Agreement: 75.0% (3/4)"))
        #expect(e.text.contains("Dangerous (execute/destructive/financial) classified read: 1"))
        #expect(e.text.contains("demo/mystery: label execute, got read"))
    }

    @Test func badInputIsNamed() {
        #expect(throws: RiskError.badLabel(line: 2, reason: "unknown category 'writable'")) {
            try Evaluation(labelsTSV: "h\ndemo\tx\twritable\t\n", snapshots: [])
        }
        #expect(throws: RiskError.badLabel(line: 3, reason: "expected server, tool, category and note separated by tabs")) {
            try Evaluation(labelsTSV: "h\n\ndemo x read\n", snapshots: [])
        }
        #expect(throws: RiskError.badSnapshot(id: "broken", reason: "no `tools` array")) {
            try Evaluation(labelsTSV: "h\n", snapshots: [("broken", #"{"server": "x"}"#)])
        }
        #expect(throws: (any Error).self) { try Evaluation(labelsTSV: "h\n", snapshots: [("bad", "{")]) }
    }

    @Test func scoresEachPartAndHidesTheLockedMisses() throws {
        let e = try Evaluation(labelsTSV: Self.labels, snapshots: [("demo", Self.snapshot), ("other", Self.snapshot), ("old", Self.snapshot)],
                               split: ["demo": .train, "other": .test, "old": .retired])
        #expect(e.parts[.train]?.compared == 4 && e.parts[.test]?.compared == 0 && e.parts[.retired]?.compared == 0)
        #expect(e.parts[.train]?.precision(.read) == 0.5 && e.parts[.train]?.recall(.execute) == 0.5)
        #expect(e.parts[.train]?.precision(.financial) == nil)
        let text = e.text()
        #expect(text.contains("== Train: 1 servers, 4 tools") && text.contains("== Test (locked): 1 servers, 0 tools"))
        #expect(text.contains("== Retired test (locked once; tuned on since its misses were read: a training figure): 1 servers, 0 tools"))
        #expect(text.contains("demo/mystery: label execute, got read"))
        #expect(e.missedTargets.contains("1 dangerous tools classified read"))
    }

    @Test func splitRuleIsTheHashOfTheServerId() throws {
        // SHA-256("mcp-server-time") starts 0x5a8a…; its first 8 bytes mod 100 decide.
        let digest = SHA256.digest(Array("mcp-server-time".utf8))
        let expected: EvaluationPart = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 100 < 40 ? .retired : .train
        #expect(EvaluationPart.byRule("mcp-server-time", tunedBefore: []) == expected)
        #expect(EvaluationPart.byRule("mcp-server-time", tunedBefore: ["mcp-server-time"]) == .train)
        #expect(EvaluationPart.byRule("mcp-server-time", tunedBefore: [], lockedLater: ["mcp-server-time"]) == .test)
        #expect(EvaluationPart.byRule("mcp-server-time", tunedBefore: [], retiredLater: ["mcp-server-time"]) == .retired)
        #expect(throws: RiskError.badLabel(line: 2, reason: "expected server and part (train, retired or test) separated by a tab")) {
            try EvaluationPart.parse("server\tpart\nx\tvalidation\n")
        }
    }

    static let datasetFolder = "Tests/Fixtures/eval"
    static var datasetPresent: Bool {
        FileManager.default.fileExists(atPath: RepoPaths.file(datasetFolder + "/labels.tsv").path)
    }

    /// The committed split follows its rule for every snapshot, and the locked part is big enough to mean
    /// something: at least 40 servers and 1,000 labelled tools.
    @Test(.enabled(if: datasetPresent, "the labelled set is not in this checkout"))
    func committedSplitFollowsItsRule() throws {
        let text = try RepoPaths.text(Self.datasetFolder + "/split.tsv")
        let split = try EvaluationPart.parse(text)
        func servers(noted note: String) -> Set<String> {
            Set(text.split(separator: "\n").filter { $0.hasSuffix("\t" + note) }.map { String($0.prefix { $0 != "\t" }) })
        }
        let tunedBefore = servers(noted: "tuned on before the split")
        let retiredLater = servers(noted: "third crawl, retired").union(servers(noted: "fourth crawl, retired"))
            .union(servers(noted: "fifth crawl, retired")).union(servers(noted: "sixth crawl, retired"))
            .union(servers(noted: "seventh crawl, retired")).union(servers(noted: "eighth crawl, retired"))
            .union(servers(noted: "ninth crawl, retired"))
        let lockedLater = servers(noted: "tenth crawl, locked")
        #expect(tunedBefore.count == 40 && retiredLater.count == 58 + 75 + 81 + 70 + 79 + 72 + 80 && lockedLater.count == 82)
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.file(Self.datasetFolder + "/snapshots").path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(Set(snapshots) == Set(split.keys))
        for (server, part) in split { #expect(part == EvaluationPart.byRule(server, tunedBefore: tunedBefore, retiredLater: retiredLater, lockedLater: lockedLater), "\(server)") }
        let testServers = Set(split.filter { $0.value == .test }.keys)
        let labels = try Evaluation.parseLabels(RepoPaths.text(Self.datasetFolder + "/labels.tsv"))
        #expect(testServers.count >= 40)
        #expect(labels.filter { testServers.contains($0.server) }.count >= 1_000)
    }

    /// The figures measured on the labelled set of real servers, train and locked test parts, hold (a floor, not `Evaluation.Target`).
    @Test(.enabled(if: datasetPresent, "the labelled set is not in this checkout (Tests/Fixtures/eval/labels.tsv)"))
    func holdsWhatItMeasuredOnTheLabelledSet() throws {
        let folder = RepoPaths.file(Self.datasetFolder + "/snapshots")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let snapshots = try files.map { (String($0.dropLast(5)), try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
        let split = try EvaluationPart.parse(RepoPaths.text(Self.datasetFolder + "/split.tsv"))
        let e = try Evaluation(labelsTSV: RepoPaths.text(Self.datasetFolder + "/labels.tsv"), snapshots: snapshots, split: split)
        #expect(e.compared == 16_954 && e.unlabelledTools.isEmpty && e.unmatchedLabels.isEmpty)
        // The issue's targets (95% on the locked test part, 98% on train, no dangerous tool read) are not
        // met yet; `mcprisk eval` reports them. This keeps the classifier from sliding back below what it
        // measured when the tenth crawl was the locked test part: train 3,550/3,642 and retired
        // 11,433/11,858, both tuned and trained on; test 1,331/1,454 with 13 dangerous tools read, scored
        // after the last change (the rules alone scored 1,309 with 16; the reading trained before the ninth
        // crawl was retired, 1,331 with 15; retrained, before the last rule changes, 1,328 with 13).
        let train = try #require(e.parts[.train]), retired = try #require(e.parts[.retired]), test = try #require(e.parts[.test])
        #expect(train.correct >= 3_550 && train.dangerousAsRead <= 1, "\(e.text(showTestMisses: false))")
        #expect(retired.correct >= 11_442 && retired.dangerousAsRead <= 8, "\(e.text(showTestMisses: false))")
        #expect(test.correct >= 1_331 && test.dangerousAsRead <= 13, "\(e.text(showTestMisses: false))")
    }
}
