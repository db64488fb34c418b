import Foundation
import Testing
import TestSupport

/// The offline stages give the same bytes in every process. Swift seeds hashing per process, so two
/// runs in one process cannot catch output that follows Set or Dictionary order: this runs the built
/// binary twice, each with its own random seed (SWIFT_DETERMINISTIC_HASHING removed).
struct ReproducibilityTests {
    /// Saved definitions of several servers: hand-made fixtures and real servers' snapshots.
    static let inputs = ["Tests/PolicyTests/Fixtures/dbadmin.json", "Tests/PolicyTests/Fixtures/hostile.json",
                         "Tests/PolicyTests/Fixtures/payments.json", "Tests/PolicyTests/Fixtures/shell.json",
                         "Tests/Fixtures/eval/snapshots/mcp-server-git.json", "Tests/Fixtures/eval/snapshots/mcp-server-paystack.json",
                         "Tests/Fixtures/eval/snapshots/square-mcp.json"]

    /// Every report format and both policy formats for all inputs at once (so cross-server rules run too).
    static func commands(_ dir: String) -> [[String]] {
        let files = inputs.map { RepoPaths.file($0).path }
        return [["scan"] + files + ["--output", "\(dir)/report.txt", "--output", "json=\(dir)/report.json",
                                    "--output", "markdown=\(dir)/report.md", "--output", "sarif=\(dir)/report.sarif",
                                    "--output", "html=\(dir)/report.html",
                                    "--policy-out", "\(dir)/intercept", "--policy-format", "intercept", "--profile", "strict"],
                ["scan"] + files + ["--output", "json=\(dir)/again.json", "--policy-out", "\(dir)/policylayer",
                                    "--policy-format", "policylayer", "--profile", "permissive"]]
    }

    /// Every file below `dir`, relative path → bytes.
    static func files(under dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            out[String(url.path.dropFirst(dir.path.count + 1))] = try Data(contentsOf: url)
        }
        return out
    }

    @Test func twoProcessesWriteTheSameBytes() throws {
        let binary = try #require(BuiltProducts.path(of: "mcprisk"))
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-repro-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var outputs: [[String: Data]] = []
        for run in ["a", "b"] {
            let dir = root.appendingPathComponent(run)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for command in Self.commands(dir.path) {
                let result = try CommandRun.run(binary, command, environment: environment)
                #expect(result.status == 0 || result.status == 1, "\(command.prefix(3)): \(result.stderr)")
            }
            outputs.append(try Self.files(under: dir))
        }
        let (a, b) = (outputs[0], outputs[1])
        // 6 reports and one policy per server in each of the two formats.
        #expect(a.count == 6 + 2 * Self.inputs.count, "\(a.keys.sorted())")
        #expect(a.keys.sorted() == b.keys.sorted())
        for name in a.keys.sorted() { #expect(a[name] == b[name], "\(name) differs between two processes") }
        for name in ["report.json", "again.json"] {
            #expect(ReportSchema.problems(in: String(decoding: a[name] ?? Data(), as: UTF8.self)) == [], "\(name)")
        }
    }
}
