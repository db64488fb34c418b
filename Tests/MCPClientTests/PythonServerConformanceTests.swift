import Foundation
import JSON
import MCPClient
import Testing
import TestSupport

/// Scans real Python MCP servers (the reference SDK) from the repository's `.venv`, inside
/// `unshare -rn` so they have no network. Without the venv these tests skip, except under CI,
/// where they must run (`.ci/run` creates the venv).
@Suite(.enabled(if: PythonServers.available || PythonServers.required, "no .venv with mcp-server-time and mcp-server-git (python3 -m venv .venv && .venv/bin/pip install mcp mcp-server-time mcp-server-git)"))
struct PythonServerConformanceTests {
    private func crawl(_ module: String, _ arguments: [String] = []) async throws -> (ServerSnapshot, Int32) {
        try #require(PythonServers.available, "CI is set but \(PythonServers.python) is missing: create the venv (python3 -m venv .venv && .venv/bin/pip install mcp mcp-server-time mcp-server-git)")
        let launch = StdioLaunch(command: "unshare", arguments: ["-rn", PythonServers.python, "-m", module] + arguments)
        let transport = try StdioTransport.launch(launch)
        let snapshot = await Crawler(options: CrawlOptions(requestTimeout: 60, totalTimeout: 120)).crawl(transport, target: module)
        #expect(!ProcessProbe.isRunning(transport.processID))
        return (snapshot, transport.processID)
    }

    @Test func timeServerListsItsTools() async throws {
        let (snapshot, _) = try await crawl("mcp_server_time")
        #expect(snapshot.completeness == .complete, "\(String(describing: snapshot.error))")
        #expect(snapshot.definitions.serverName == "mcp-time")
        #expect(snapshot.toolNames == ["get_current_time", "convert_time"])
        #expect(snapshot.definitions.tools.first?["inputSchema"]?["properties"]?["timezone"] != nil)
        #expect(snapshot.definitions.tools.first?["annotations"]?["readOnlyHint"] == true)
        #expect(ProtocolVersions.initializeEra.contains(snapshot.definitions.protocolVersion ?? ""))
    }

    @Test func gitServerListsItsTools() async throws {
        let repository = try PythonServers.makeGitRepository()
        defer { try? FileManager.default.removeItem(atPath: repository) }
        let (snapshot, _) = try await crawl("mcp_server_git", ["--repository", repository])
        #expect(snapshot.completeness == .complete, "\(String(describing: snapshot.error))")
        #expect(snapshot.definitions.serverName == "mcp-git")
        let names = Set(snapshot.toolNames)
        for tool in ["git_status", "git_diff_unstaged", "git_diff_staged", "git_diff", "git_commit", "git_add", "git_reset", "git_log", "git_create_branch", "git_checkout", "git_show"] {
            #expect(names.contains(tool), "git server does not list \(tool)")
        }
        #expect(snapshot.anomalies.filter { $0.kind != "list-not-supported" }.isEmpty, "\(snapshot.anomalies)")
    }
}

enum PythonServers {
    static let python = RepoPaths.file(".venv/bin/python").path
    static let available = FileManager.default.isExecutableFile(atPath: python)
        && FileManager.default.fileExists(atPath: "/usr/bin/unshare")
    /// Under CI the conformance tests must run, so a missing venv fails them instead of skipping.
    static let required = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false

    /// A fresh git repository in a temporary directory, with one commit.
    static func makeGitRepository() throws -> String {
        let path = NSTemporaryDirectory() + "mcprisk-git-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "hello\n".write(toFile: path + "/README", atomically: true, encoding: .utf8)
        for args in [["init", "-q"], ["add", "README"],
                     ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "first"]] {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git"] + args
            git.currentDirectoryURL = URL(fileURLWithPath: path)
            try git.run()
            git.waitUntilExit()
            guard git.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
        return path
    }
}
