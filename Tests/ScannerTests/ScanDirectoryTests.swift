import Foundation
import JSON
import Testing
import TestSupport

/// `mcprisk scan DIR` and `catalogue report` end to end: what a user types, what they get, and the exit status.
@Suite("Scanning a folder of saved servers")
struct ScanDirectoryTests {
    func mcprisk(_ arguments: [String]) throws -> CommandRun {
        let path = try #require(ScanCommandTests.binary, "build the mcprisk product first (swift build)")
        return try CommandRun.run(path, arguments)
    }

    @Test func everyFileIsAServerAndABrokenOneFailsAloneWithExit2() throws {
        let saved = try SavedServers(evalSnapshots: 3)
        defer { saved.remove() }
        let run = try mcprisk(["scan", saved.folder.path, "--format", "json", "--jobs", "2"])
        #expect(run.status == 2, "a file that is not JSON makes the scan incomplete: \(run.stderr)")
        let report = try JSONValue(parsing: run.stdout)
        let servers = try #require(report["servers"]?.arrayValue)
        #expect(servers.compactMap { $0["target"]?.stringValue } == saved.paths)
        let broken = try #require(servers.first { $0["target"]?.stringValue?.hasSuffix("e-broken.json") == true })
        #expect(broken["status"] == "failed")
        #expect(broken["error"]?["message"]?.stringValue?.contains("e-broken.json is not valid JSON") == true)
        #expect(servers.filter { $0["status"] == "complete" }.count == saved.paths.count - 1)
        #expect(report["complete"] == false && report["exitStatus"] == 2)
    }

    @Test func theSameFolderGivesTheSameBytesWhateverTheJobs() throws {
        let saved = try SavedServers(evalSnapshots: 4)
        defer { saved.remove() }
        for format in ["json", "sarif", "markdown", "terminal"] {
            let one = try mcprisk(["scan", saved.folder.path, "--format", format, "--jobs", "1"])
            let many = try mcprisk(["scan", saved.folder.path, "--format", format, "--jobs", "4"])
            #expect(one.stdout == many.stdout, "\(format)")
            #expect(!one.stdout.isEmpty)
        }
    }

    @Test func aFolderWithoutJSONFilesIsAnError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try mcprisk(["scan", empty.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("holds no .json files"))
    }

    @Test func writingToADeviceWritesToItAndLeavesItADevice() throws {
        let file = RepoPaths.file("Tests/Fixtures/eval/snapshots/alpaca-mcp-server.json").path
        let run = try mcprisk(["scan", file, "--format", "json", "--output", "/dev/null", "--jobs", "1"])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial, "/dev/null must stay the device, not be replaced by a file")
    }

    @Test func policiesOfAFolderGoOnePerServer() throws {
        let saved = try SavedServers(evalSnapshots: 2)
        defer { saved.remove() }
        let out = saved.folder.appendingPathComponent("policies").path
        let run = try mcprisk(["scan", saved.folder.path, "--format", "json", "--output", saved.folder.appendingPathComponent("r.json").path,
                               "--policy-out", out])
        #expect(run.status == 2, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(written.count >= 4 && written.allSatisfy { $0.hasSuffix(".json") }, "\(written)")
    }
}
