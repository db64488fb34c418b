import JSON
import Testing
@testable import Reports
import TestSupport

@Suite("JSON report contract (docs/report-format.md)")
struct JSONContractTests {
    static let categories: Set<String> = ["read", "write", "execute", "destructive", "financial"]
    static let severities: Set<String> = ["low", "medium", "high", "critical"]

    @Test func contractFieldsHoldForTheRichFixture() throws {
        let text = JSONReportRenderer().render(ReportFixture.rich)
        #expect(ReportSchema.problems(in: text) == [])
        let doc = try JSONValue(parsing: text)
        #expect(doc["schemaVersion"] == .number("1"))
        #expect(doc["generator"]?["name"] == "mcprisk")
        #expect(doc["generator"]?["version"] == "0.1.0")
        let servers = try #require(doc["servers"]?.arrayValue)
        #expect(servers.count == 3)
        for s in servers {
            for key in ["target", "name", "version", "protocolVersion", "status", "tools", "findings", "summary"] {
                #expect(s[key] != nil, "server lacks \(key)")
            }
            #expect(["complete", "partial", "failed"].contains(s["status"]?.stringValue ?? ""))
            if s["status"] != "complete" {
                #expect(s["error"]?["kind"]?.stringValue != nil && s["error"]?["message"]?.stringValue != nil)
            }
            let tools = try #require(s["tools"]?.arrayValue)
            #expect(s["summary"]?["tools"]?.intValue == tools.count)
            #expect(s["summary"]?["byCategory"]?.objectValue?.keys == ["read", "write", "execute", "destructive", "financial"])
            #expect(s["summary"]?["bySeverity"]?.objectValue?.keys == ["low", "medium", "high", "critical"])
            for t in tools {
                #expect(t["name"]?.stringValue != nil)
                #expect(Self.categories.contains(t["category"]?.stringValue ?? ""))
                #expect(Self.severities.contains(t["severity"]?.stringValue ?? ""))
                #expect(["low", "medium", "high"].contains(t["confidence"]?.stringValue ?? ""))
                let evidence = try #require(t["evidence"]?.arrayValue)
                #expect(evidence.allSatisfy { $0.stringValue != nil })
                for a in t["actions"]?.arrayValue ?? [] {
                    #expect(a["value"]?.stringValue != nil && Self.categories.contains(a["category"]?.stringValue ?? ""))
                    #expect(Self.severities.contains(a["severity"]?.stringValue ?? ""))
                }
                for sig in t["signals"]?.arrayValue ?? [] {
                    #expect(sig["id"]?.stringValue != nil && sig["title"]?.stringValue != nil && sig["path"] != nil)
                }
            }
            for f in s["findings"]?.arrayValue ?? [] {
                #expect(f["ruleId"]?.stringValue != nil && Self.severities.contains(f["severity"]?.stringValue ?? ""))
                #expect(f["confidence"]?.stringValue != nil && f["message"]?.stringValue != nil)
                let kind = f["location"]?["kind"]?.stringValue ?? ""
                #expect(["tool", "prompt", "resource", "server"].contains(kind))
                #expect(kind == "server" || f["location"]?["name"]?.stringValue != nil)
                #expect(f["location"]?["pointer"]?.stringValue != nil)
            }
        }
        let github = try #require(servers[0]["tools"]?.arrayValue?.first { $0["name"] == "github" })
        #expect(github["actions"]?.arrayValue?.map { $0["value"]?.stringValue ?? "" } == ["get_issue", "create_issue", "delete_branch"])
        let send = try #require(servers[0]["tools"]?.arrayValue?.first { $0["name"] == "send_message" })
        #expect(send["signals"]?[0]?["path"] == "messages[].content")
        #expect(send["evidence"]?[0] == "\"send\" at /tools/1/name → write: verb 'send' leads the name")
    }

    @Test func keysComeInAStableOrder() throws {
        let text = JSONReportRenderer().render(ReportFixture.rich)
        #expect(ReportSchema.problems(in: text) == [])
        let doc = try JSONValue(parsing: text)
        #expect(doc.objectValue?.keys == ["schemaVersion", "generator", "complete", "verdict", "exitStatus", "failOn", "servers", "summary"])
        #expect(doc["servers"]?[0]?.objectValue?.keys.prefix(5) == ["target", "name", "version", "protocolVersion", "status"])
    }
}
