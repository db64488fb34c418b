import Foundation
import JSON
import MCPClient
import Testing
import TestSupport

/// Fail closed on malformed definitions, end to end: the hostile fixture lists tools with fields of the
/// wrong type, a name twice, and entries without a usable name. Every named tool must be in the report,
/// flagged where it is malformed, and denied by the starter policy; the unnamed entries are counted.
struct MalformedEntriesTests {
    static let malformed: [String: [String]] = [
        "read_notes": ["/description"],
        "run_job": ["/inputSchema"],
        "drop_table": ["/annotations/readOnlyHint", "/annotations/destructiveHint"],
        "summarize": ["/title", "/icons"],
        "query": ["/inputSchema/properties", "/inputSchema/required"],
        "notify": ["/annotations"],
        "search": ["/name"],
    ]

    @Test func everyNamedToolIsReportedFlaggedAndDenied() throws {
        let binary = try #require(BuiltProducts.path(of: "mcprisk"), "build the mcprisk product first (swift build)")
        let fixture = try #require(FixtureServer.executablePath, "\(FixtureServer.missingMessage)")
        let run = try CommandRun.run(binary, ["scan", "--format", "json", "--policy-format", "policylayer", "--", fixture, "malformed-entries"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let server = try #require(try JSONValue(parsing: run.stdout)["servers"]?[0])
        #expect(server["status"] == "complete")

        let tools = server["tools"]?.arrayValue ?? []
        let names = tools.compactMap { $0["name"]?.stringValue }
        #expect(names == ["get_weather", "read_notes", "run_job", "drop_table", "summarize", "query", "notify", "search", "search"])

        let findings = (server["findings"]?.arrayValue ?? []).filter { $0["ruleId"] == "malformed-definition" }
        for (i, tool) in tools.enumerated() {
            let name = try #require(tool["name"]?.stringValue)
            let pointers = findings.filter { $0["location"]?["pointer"]?.stringValue?.hasPrefix("/tools/\(i)/") == true }
                .compactMap { $0["location"]?["pointer"]?.stringValue?.dropFirst("/tools/\(i)".count) }.map(String.init)
            #expect(Set(pointers) == Set(Self.malformed[name] ?? []), "\(name) at /tools/\(i): \(pointers)")
            if Self.malformed[name] != nil {
                #expect(tool["severity"] == "critical", "\(name)")
                if tool["category"] != "destructive" && tool["category"] != "financial" {  // already critical by category
                    #expect(tool["severityRaisedBy"]?.arrayValue?.contains("malformed-definition") == true, "\(name)")
                }
            }
        }
        // Classified from what is valid: the weather tool reads, the description-less notes tool is still there.
        #expect(tools[0]["category"] == "read")
        #expect(tools[0]["severity"] == "low")

        let anomalies = (server["anomalies"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0.hasPrefix("invalid-entry:") }
        #expect(anomalies.count == 5, "\(anomalies)")
        #expect(anomalies.contains { $0.contains("entry 9 left out: it has no name") })

        let policy = try JSONValue(parsing: try #require(server["policy"]?["text"]?.stringValue))
        #expect(policy["default"] == "deny")
        for name in Self.malformed.keys {
            let rules = policy["tools"]?[name]?["deny_if"]?.arrayValue ?? []
            #expect(rules.contains { $0["conditions"] == [] }, "\(name) is not denied outright: \(policy["tools"]?[name]?.compactText ?? "missing")")
        }
        #expect(policy["tools"]?["get_weather"] == [:])
    }
}

/// The parser keeps at most 1,000 issues per document (one per string at most); an offline scan says how
/// many more there were.
struct TruncatedIssuesTests {
    @Test func aSnapshotSaysHowManyIssuesWereNotRecorded() throws {
        let tools = (0..<1_500).map { #"{"name":"t\#($0)","description":"\ud800"}"# }
        let text = #"{"tools":["# + tools.joined(separator: ",") + "]}"
        let snapshot = try ServerSnapshot(fileBytes: Array(text.utf8), target: "s.json")
        #expect(snapshot.definitions.parseIssues.count == 1_000)
        #expect(snapshot.anomalies.map(\.kind) == ["parse-issues-truncated"])
        #expect(snapshot.anomalies.first?.message.hasPrefix("500 more duplicate keys or invalid UTF-8") == true)
    }
}
