import Foundation
import JSON
import Scanner
import Testing
import TestSupport

/// A server is named by its config key (or its target), then by what it reports: two entries of the
/// same server are two servers, in the report and on disk.
struct ServerIdentityTests {
    static let binary = BuiltProducts.path(of: "mcprisk")

    @Test func repeatedLabelsAreNumbered() {
        let targets = ["github", "time", "github", "github"].map { PlannedTarget(label: $0, target: .success(.file(path: "x.json"))) }
        #expect(ServerIdentity.disambiguated(targets).map(\.label) == ["github", "time", "github#2", "github#3"])
    }

    @Test func policyFileNamesNeverCollide() {
        let labels = ["github", "GitHub", "git/hub", "git hub", "", "../../etc/passwd", "github"]
        let names = ServerIdentity.policyFileNames(labels: labels, fileExtension: "yaml")
        #expect(Set(names.map { $0.lowercased() }).count == labels.count, "\(names)")
        #expect(names[0] == "github.yaml")
        #expect(names.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") }, "\(names)")
        #expect(names[4] == "server.yaml")
        // The same labels give the same names, run after run.
        #expect(ServerIdentity.policyFileNames(labels: labels, fileExtension: "yaml") == names)
    }

    @Test func policyNamesTheLabelThenWhatTheServerReports() {
        #expect(ServerIdentity.policyName(label: "github", reported: "github-mcp-server") == "github — github-mcp-server")
        #expect(ServerIdentity.policyName(label: "time", reported: "time") == "time")
        #expect(ServerIdentity.policyName(label: "x.json", reported: nil) == "x.json")
    }

    /// Two config entries running the same server: two report sections and two policy files, each
    /// under its config key.
    @Test func twoEntriesOfOneServerGiveTwoSectionsAndTwoPolicies() throws {
        let binary = try #require(Self.binary, "build the mcprisk product first (swift build)")
        let fixture = try #require(FixtureServer.executablePath, "\(FixtureServer.missingMessage)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("mcp.json").path
        try """
            {"mcpServers": {
              "files-home": {"command": "\(fixture)", "args": ["good"]},
              "files-work": {"command": "\(fixture)", "args": ["good"]}
            }}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let policies = dir.appendingPathComponent("policies").path
        let run = try CommandRun.run(binary, ["scan", "--config", config, "--format", "json", "--policy-out", policies, "--policy-format", "intercept"])
        #expect(run.status == 0, "\(run.stderr)")
        let servers = try JSONValue(parsing: run.stdout)["servers"]?.arrayValue ?? []
        #expect(servers.map { $0["label"]?.stringValue } == ["files-home", "files-work"])
        #expect(servers.map { $0["name"]?.stringValue } == ["fixture-good", "fixture-good"])
        let files = try FileManager.default.contentsOfDirectory(atPath: policies).sorted()
        #expect(files == ["files-home.yaml", "files-work.yaml"])
        let home = try String(contentsOfFile: policies + "/files-home.yaml", encoding: .utf8)
        #expect(home.contains("Starter policy for files-home — fixture-good"))

        let terminal = try CommandRun.run(binary, ["scan", "--config", config])
        #expect(terminal.stdout.contains("━━ files-home — fixture-good") && terminal.stdout.contains("━━ files-work — fixture-good"), "\(terminal.stdout)")
        let markdown = try CommandRun.run(binary, ["scan", "--config", config, "--format", "markdown"])
        #expect(markdown.stdout.contains("## files-home — fixture-good") && markdown.stdout.contains("## files-work — fixture-good"))

        // --server keeps one entry of the config; a name that is not there is a usage error naming those that are.
        let one = try CommandRun.run(binary, ["scan", "--config", config, "--server", "files-work", "--format", "json"])
        #expect(try JSONValue(parsing: one.stdout)["servers"]?.arrayValue?.map { $0["label"]?.stringValue } == ["files-work"])
        let wrong = try CommandRun.run(binary, ["scan", "--config", config, "--server", "files"])
        #expect(wrong.status == 64 && wrong.stderr.contains("files-home, files-work"), "\(wrong.stderr)")

        // A policy folder that is a file is refused rather than overwritten.
        let file = dir.appendingPathComponent("taken.yaml").path
        try "keep me".write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try CommandRun.run(binary, ["scan", "--config", config, "--policy-out", file])
        #expect(refused.status == 2 && refused.stderr.contains("is a file"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
    }
}
