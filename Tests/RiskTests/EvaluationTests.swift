import Foundation
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

    static let datasetFolder = "Tests/Fixtures/eval"
    static var datasetPresent: Bool {
        FileManager.default.fileExists(atPath: RepoPaths.file(datasetFolder + "/labels.tsv").path)
    }

    /// The targets on the labelled set of real servers: at least 97% agreement and no dangerous tool read.
    @Test(.enabled(if: datasetPresent, "the labelled set is not in this checkout (Tests/Fixtures/eval/labels.tsv)"))
    func meetsTargetsOnTheLabelledSet() throws {
        let folder = RepoPaths.file(Self.datasetFolder + "/snapshots")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let snapshots = try files.map { (String($0.dropLast(5)), try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
        let e = try Evaluation(labelsTSV: RepoPaths.text(Self.datasetFolder + "/labels.tsv"), snapshots: snapshots)
        #expect(e.compared >= 700, "only \(e.compared) labelled tools compared")
        #expect(e.accuracy >= 0.97, "\(e.text)")
        #expect(e.dangerousAsRead == 0, "\(e.text)")
    }
}
