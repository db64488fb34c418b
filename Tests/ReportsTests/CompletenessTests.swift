import JSON
import Testing
@testable import Reports
import TestSupport

@Suite("Every format states completeness; an incomplete scan is never shown as clean")
struct CompletenessTests {
    static let incomplete = ReportFixture.rich
    static let complete = ReportFixture.completeOnly

    @Test func verdictAndCompletenessLine() {
        let totals = ReportTotals(Self.incomplete)
        #expect(totals.completenessLine == "3 servers: 1 complete, 1 partial, 1 failed — INCOMPLETE SCAN")
        #expect(totals.verdict.hasPrefix("INCOMPLETE SCAN"))
        #expect(ReportTotals(Self.complete).completenessLine == "1 server: 1 complete")
        let empty = Report(generator: .init(version: "1"), servers: [])
        #expect(ReportTotals(empty).verdict.contains("INCOMPLETE"), "an empty scan is not clean either")
        let onlyFailed = Report(generator: .init(version: "1"), servers: [ReportFixture.failed])
        #expect(ReportTotals(onlyFailed).verdict.hasPrefix("INCOMPLETE SCAN"))
    }

    @Test("text formats say INCOMPLETE SCAN when a server is partial or failed",
          arguments: [ReportFormat.terminal, .markdown, .html])
    func textFormatsSayIncomplete(_ format: ReportFormat) {
        let bad = format.render(Self.incomplete, rules: [], color: false)
        #expect(bad.contains("INCOMPLETE SCAN"))
        let good = format.render(Self.complete, rules: [], color: false)
        #expect(!good.contains("INCOMPLETE"))
        #expect(good.contains("Complete") || good.contains("complete"))
    }

    @Test func markdownSaysItInBoldAtTheTop() {
        let lines = MarkdownRenderer().render(Self.incomplete).split(separator: "\n")
        #expect(lines[1].hasPrefix("**INCOMPLETE SCAN"))
    }

    @Test func jsonSaysIt() throws {
        let text = JSONReportRenderer().render(Self.incomplete)
        #expect(ReportSchema.problems(in: text) == [])
        let doc = try JSONValue(parsing: text)
        #expect(doc["complete"] == .bool(false))
        #expect(doc["exitStatus"] == .number("2"))
        let servers = try #require(doc["servers"]?.arrayValue)
        #expect(servers.map { $0["status"]?.stringValue } == ["complete", "partial", "failed"])
        #expect(servers[0]["error"] == nil)
        #expect(servers[2]["error"]?["kind"] == "timeout")
        let okText = JSONReportRenderer().render(Self.complete)
        #expect(ReportSchema.problems(in: okText) == [])
        let ok = try JSONValue(parsing: okText)
        #expect(ok["complete"] == .bool(true))
    }

    @Test func sarifSaysIt() throws {
        let doc = try JSONValue(parsing: SARIFRenderer(rules: []).render(Self.incomplete))
        let invocation = try #require(doc["runs"]?[0]?["invocations"]?[0])
        #expect(invocation["executionSuccessful"] == .bool(false))
        let notes = try #require(invocation["toolExecutionNotifications"]?.arrayValue)
        #expect(notes.count == 2)
        #expect(notes.allSatisfy { $0["level"] == "error" })
        let ok = try JSONValue(parsing: SARIFRenderer(rules: []).render(Self.complete))
        #expect(ok["runs"]?[0]?["invocations"]?[0]?["executionSuccessful"] == .bool(true))
    }

    @Test func partialWithoutRecordedReasonStillGetsAnError() throws {
        let s = ServerReport(target: "x", status: .partial)
        let text = JSONReportRenderer().render(Report(generator: .init(version: "1"), servers: [s]))
        #expect(ReportSchema.problems(in: text) == [])
        let doc = try JSONValue(parsing: text)
        #expect(doc["servers"]?[0]?["error"]?["kind"] == "incomplete")
    }

    @Test func exitStatusFollowsTheContract() {
        #expect(Self.incomplete.exitStatus == 2)
        var complete = Self.complete
        complete.failOn = .critical
        #expect(complete.exitStatus == 1)
        complete.failOn = nil
        #expect(complete.exitStatus == 0)
    }
}
