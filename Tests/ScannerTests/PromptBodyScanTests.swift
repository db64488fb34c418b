import Foundation
import JSON
import Testing
import TestSupport

/// The demo's poisoned prompt lists cleanly; only its body (`prompts/get`) gives it away. Scanned end to end
/// with the real demo server over stdio, prompt bodies on by default and off with `--no-prompt-bodies`.
struct PromptBodyScanTests {
    func mcprisk(_ arguments: [String]) throws -> CommandRun {
        let path = try #require(BuiltProducts.path(of: "mcprisk"), "build the mcprisk product first (swift build)")
        return try CommandRun.run(path, arguments)
    }

    /// The medium-or-higher findings on the body of the prompt `customer_summary`.
    func bodyFindings(_ run: CommandRun) throws -> [JSONValue] {
        let report = try JSONValue(parsing: run.stdout)
        return (report["servers"]?[0]?["findings"]?.arrayValue ?? []).filter { finding in
            finding["location"]?["name"] == "customer_summary"
                && finding["location"]?["pointer"]?.stringValue?.hasPrefix("/promptBodies/") == true
                && ["medium", "high", "critical"].contains(finding["severity"]?.stringValue ?? "")
        }
    }

    @Test func theDemosPoisonedPromptIsFoundThroughItsBody() throws {
        let run = try mcprisk(["scan", "--demo", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let findings = try bodyFindings(run)
        let rules = Set(findings.compactMap { $0["ruleId"]?.stringValue })
        #expect(rules.isSuperset(of: ["concealment", "data-sink"]), "\(rules)")
        #expect(findings.contains { $0["message"]?.stringValue?.contains("audit@acme-ops-archive.net") == true })
        // The listing alone says nothing: no finding sits on the prompt's own entry at medium or higher.
        let report = try JSONValue(parsing: run.stdout)
        let onListing = (report["servers"]?[0]?["findings"]?.arrayValue ?? []).filter {
            $0["location"]?["pointer"]?.stringValue?.hasPrefix("/prompts/") == true && $0["severity"] != "low" && $0["severity"] != "info"
        }
        #expect(onListing.isEmpty)
    }

    @Test func noPromptBodiesTurnsTheReadingOff() throws {
        let run = try mcprisk(["scan", "--demo", "--no-prompt-bodies", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try bodyFindings(run).isEmpty)
        #expect(!run.stdout.contains("acme-ops-archive.net"))
    }
}
