import Foundation
import JSON
import MCPClient
import Testing
import TestSupport

/// Every recorded snapshot of the evaluation set (real PyPI servers) must read through the file
/// codec with all its tools kept. Runs once the eval fixtures are in the tree.
@Suite(.enabled(if: EvalSnapshots.present, "Tests/Fixtures/eval/snapshots is not in this tree"))
struct EvalSnapshotFileTests {
    @Test func everyEvalSnapshotReadsWithAllItsTools() throws {
        let files = try EvalSnapshots.files()
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            let snapshot = try ServerSnapshot(fileBytes: bytes, target: file.lastPathComponent)
            let raw = try JSONParser().parse(bytes).value["tools"]?.arrayValue ?? []
            #expect(snapshot.definitions.tools.count == raw.count, "\(file.lastPathComponent): \(snapshot.anomalies)")
            #expect(snapshot.completeness == .complete)
            let again = try ServerSnapshot(fileBytes: JSONWriter.canonicalPretty.bytes(snapshot.definitions.document), target: "again")
            #expect(again.definitions.document.canonicalText == snapshot.definitions.document.canonicalText, "\(file.lastPathComponent) does not round-trip")
        }
    }
}

enum EvalSnapshots {
    static let directory = RepoPaths.file("Tests/Fixtures/eval/snapshots")
    static var present: Bool { FileManager.default.fileExists(atPath: directory.path) }
    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }
}
