import Foundation
import Testing
import TestSupport

/// `reports/demo/` holds a sample of every format, made from the demo server by the commands the README
/// names; this test re-runs them and fails when a sample is stale (MCPRISK_UPDATE_GOLDEN=1 rewrites them).
struct ReportSamplesTests {
    /// The README's commands, with the output folder as a parameter.
    static func commands(_ dir: String) -> [[String]] {
        [["scan", "--demo", "--output", "\(dir)/report.txt", "--output", "json=\(dir)/report.json",
          "--output", "markdown=\(dir)/report.md", "--output", "sarif=\(dir)/report.sarif", "--output", "html=\(dir)/report.html",
          "--policy-out", "\(dir)/policy.json"],
         ["policy", "--demo", "--output", "\(dir)/policy.yaml"]]
    }

    static let files = ["report.txt", "report.json", "report.md", "report.sarif", "report.html", "policy.json", "policy.yaml"]

    @Test func samplesAreCurrent() throws {
        let binary = try #require(BuiltProducts.path(of: "mcprisk"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-samples-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for command in Self.commands(dir) {
            let run = try CommandRun.run(binary, command)
            #expect(run.status == 0, "\(command): \(run.stderr)")
        }
        for name in Self.files {
            let fresh = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8)
            if name == "report.json" { #expect(ReportSchema.problems(in: fresh) == []) }
            #expect(Golden.mismatch(fresh, golden: "reports/demo/\(name)") == nil,
                    "reports/demo/\(name) is stale: rerun the README's sample commands (or MCPRISK_UPDATE_GOLDEN=1 swift test)")
        }
    }
}
