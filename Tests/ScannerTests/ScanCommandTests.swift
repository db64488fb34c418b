import DemoServer
import Foundation
import JSON
import Testing
import TestSupport

/// The `mcprisk` binary end to end: what a user types, what they get, and the exit status.
struct ScanCommandTests {
    static let binary = BuiltProducts.path(of: "mcprisk")

    func mcprisk(_ arguments: [String], directory: String? = nil) throws -> CommandRun {
        let path = try #require(Self.binary, "build the mcprisk product first (swift build)")
        return try CommandRun.run(path, arguments, directory: directory)
    }

    /// The JSON report a run printed, checked against docs/report.schema.json.
    func report(_ run: CommandRun) throws -> JSONValue {
        #expect(ReportSchema.problems(in: run.stdout) == [], "stderr: \(run.stderr)")
        return try JSONValue(parsing: run.stdout)
    }

    func tools(_ report: JSONValue) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for t in report["servers"]?[0]?["tools"]?.arrayValue ?? [] { out[t["name"]?.stringValue ?? ""] = t }
        return out
    }

    /// The contract of docs/report-format.md on the demo scan: the schema, the values the demo must
    /// give, and the exit statuses (0 or 1 for a complete scan, 64 for a usage error).
    @Test func demoScanMeetsTheJSONContract() throws {
        let run = try mcprisk(["scan", "--demo", "--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let report = try report(run)
        #expect(report["schemaVersion"] == 1)
        #expect(report["generator"]?["name"] == "mcprisk")
        #expect(report["servers"]?.arrayValue?.count == 1)
        let server = try #require(report["servers"]?[0])
        #expect(server["status"] == "complete")
        #expect(server["name"] == "acme-ops")
        let t = tools(report)
        #expect(t.count == 26)
        let expected: [String: String] = [
            "get_customer": "read", "fetch_url": "read", "create_ticket": "write", "send_email": "execute",
            "run_shell_command": "execute", "execute_sql": "execute", "deploy_service": "execute",
            "delete_customer": "destructive", "terminate_instance": "destructive", "cleanup_temp_files": "destructive",
            "database_admin": "destructive", "charge_card": "financial", "create_refund": "financial", "manage_subscription": "financial",
        ]
        for (name, category) in expected { #expect(t[name]?["category"]?.stringValue == category, "\(name)") }
        let actions = t["manage_subscription"]?["actions"]?.arrayValue ?? []
        #expect(actions.first { $0["value"] == "get" }?["category"] == "read")
        #expect(actions.first { $0["value"] == "refund_last_payment" }?["category"] == "financial")
        let signals = t["summarize_conversation"]?["signals"]?.arrayValue ?? []
        #expect(signals.contains { $0["path"] == "messages[].content" })
        let findings = server["findings"]?.arrayValue ?? []
        #expect(findings.contains { $0["ruleId"] == "hidden-instructions" && $0["location"]?["name"] == "add_numbers" })
        #expect(findings.contains { $0["ruleId"] == "annotation-contradiction" && $0["location"]?["name"] == "cleanup_temp_files" })
        #expect(findings.contains { $0["ruleId"] == "invisible-unicode" && $0["location"]?["name"] == "translate_text" })
        #expect(server["summary"]?["tools"] == 26)
        // The schema allows a null name; the contract says findings on tools, prompts and resources name them.
        for finding in findings { #expect(finding["location"]?["kind"] == "server" || finding["location"]?["name"]?.stringValue != nil) }
        #expect(try mcprisk(["scan", "--no-such-option"]).status == 64)
    }

    @Test func failOnThresholdsAreCaseInsensitive() throws {
        for (threshold, status) in [("HIGH", 1), ("Critical", 1), (nil, 0)] as [(String?, Int32)] {
            let run = try mcprisk(["scan", "--demo", "--format", "json"] + (threshold.map { ["--fail-on", $0] } ?? []))
            #expect(run.status == status)
            #expect(try report(run)["exitStatus"] == .int(Int(status)))
        }
    }

    @Test(arguments: [
        ["scan", "--no-such-option"], ["scan", "--demo", "--fail-on", "severe"], ["scan", "--demo", "--format", "pdf"],
        ["scan"], ["frobnicate"], ["scan", "ftp://example.com/x"], ["scan", "--demo", "--timeout", "-1"],
        ["scan", "--demo", "--header", "no colon"], ["scan", "--demo", "--header", "X-Key: ${MCPRISK_SURELY_UNSET}"],
        ["scan", "--demo", "--bearer-token", "two words"],
    ])
    func usageErrorsExit64WithAClearMessage(_ args: [String]) throws {
        let run = try mcprisk(args)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: "), "\(run.stderr)")
        #expect(run.stderr.contains("Usage"))
    }

    @Test func offlineSnapshotGivesTheSameVerdictsAsTheLiveServer() throws {
        let live = try report(try mcprisk(["scan", "--demo", "--format", "json"]))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-offline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A saved tools/list result, as a user would save it.
        let demo: JSONValue = ["tools": .array(DemoServer().tools)]
        let file = dir.appendingPathComponent("tools.json")
        try JSONWriter.pretty.string(demo).write(to: file, atomically: true, encoding: .utf8)
        let run = try mcprisk(["scan", file.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let offline = try report(run)
        #expect(offline["servers"]?[0]?["tools"] == live["servers"]?[0]?["tools"])
    }

    @Test func aServerThatCannotStartIsAFailedScanNotACleanOne() throws {
        let run = try mcprisk(["scan", "--format", "json", "--", "/nonexistent/mcp-server", "--flag"])
        #expect(run.status == 2)
        let server = try #require(try report(run)["servers"]?[0])
        #expect(server["status"] == "failed")
        #expect(server["error"]?["kind"] == "spawn-failed")
        #expect(server["error"]?["message"]?.stringValue?.contains("/nonexistent/mcp-server") == true)
        let terminal = try mcprisk(["scan", "--", "/nonexistent/mcp-server"])
        #expect(terminal.stdout.contains("INCOMPLETE"))
    }

    @Test func aServerThatNeverAnswersTimesOutAndTheRestGoesOn() throws {
        let fixture = try #require(FixtureServer.executablePath, "\(FixtureServer.missingMessage)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = """
            {"mcpServers": {
              "silent": {"command": "\(fixture)", "args": ["never-answers"]},
              "good": {"command": "\(fixture)", "args": ["good"]},
              "crashy": {"command": "\(fixture)", "args": ["crash-mid-list"]}
            }}
            """
        let path = dir.appendingPathComponent("mcp.json").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try mcprisk(["scan", "--config", path, "--timeout", "10", "--format", "json"])
        #expect(run.status == 2)
        let servers = try report(run)["servers"]?.arrayValue ?? []
        #expect(servers.count == 3)
        #expect(servers[0]["status"] == "failed")
        #expect(servers[0]["error"]?["kind"] == "timeout")
        #expect(servers[1]["status"] == "complete")
        #expect(servers[1]["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["read_file", "write_file", "delete_file"])
        #expect(servers[2]["status"] == "partial")
        #expect(servers[2]["source"]?["line"] == 4)
    }

    @Test func writesSeveralFormatsAtOnceAndThePolicy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        let run = try mcprisk(["scan", "--demo", "--output", p("r.json"), "--output", "sarif=\(p("r.sarif"))", "--output", "HTML=\(p("r.html"))",
                               "--output", "markdown=\(p("r.md"))", "--policy-out", p("policy.yaml"), "--policy-format", "intercept"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let json = try String(contentsOfFile: p("r.json"), encoding: .utf8)
        #expect(ReportSchema.problems(in: json) == [])
        #expect(try JSONValue(parsing: json)["schemaVersion"] == 1)
        #expect(try JSONValue(parsing: String(contentsOfFile: p("r.sarif"), encoding: .utf8))["version"] == "2.1.0")
        #expect(try String(contentsOfFile: p("r.html"), encoding: .utf8).contains("acme-ops"))
        #expect(try String(contentsOfFile: p("r.md"), encoding: .utf8).contains("delete_customer"))
        let policy = try String(contentsOfFile: p("policy.yaml"), encoding: .utf8)
        #expect(policy.contains("default: \"deny\"") || policy.contains("default: deny"))
        #expect(policy.contains("\"delete_customer\""))
    }

    @Test func escapeSequencesFromAServerNeverReachTheTerminal() throws {
        let fixture = try #require(FixtureServer.executablePath, "\(FixtureServer.missingMessage)")
        let run = try mcprisk(["scan", "--color", "always", "--", fixture, "escape-sequences"])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("terminal-escape"))
        // Our own colour codes are the only escapes: ESC followed by "[" and an SGR parameter list ending in "m".
        var scalars = Array(run.stdout.unicodeScalars)[...]
        while let esc = scalars.firstIndex(of: "\u{1B}") {
            let rest = scalars[scalars.index(after: esc)...]
            let sgr = rest.prefix { $0 != "m" }
            #expect(rest.first == "[" && sgr.dropFirst().allSatisfy { ("0"..."9").contains($0) || $0 == ";" }, "foreign escape: \(String(String.UnicodeScalarView(rest.prefix(12))))")
            scalars = rest.dropFirst(sgr.count)
        }
        let forbidden = run.stdout.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\u{1B}") || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) || (0x200B...0x200F).contains($0.value)
        }
        #expect(forbidden.isEmpty, "raw control characters reached the terminal: \(forbidden.map { String($0.value, radix: 16) })")
    }
}
