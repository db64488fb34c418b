import Testing
@testable import Reports
import TestSupport

@Suite("Golden reports of the fixture")
struct GoldenTests {
    let report = ReportFixture.rich

    @Test func terminalPlain() {
        let out = TerminalRenderer(color: false, width: nil).render(report)
        #expect(Golden.mismatch(out, golden: "Tests/ReportsTests/Golden/report.txt") == nil)
    }

    @Test func terminalColourAt100Columns() {
        let out = TerminalRenderer(color: true, width: 100).render(report)
        #expect(Golden.mismatch(out, golden: "Tests/ReportsTests/Golden/report-color-100.ansi") == nil)
    }

    @Test func json() {
        let out = JSONReportRenderer().render(report)
        #expect(ReportSchema.problems(in: out) == [])
        #expect(Golden.mismatch(out, golden: "Tests/ReportsTests/Golden/report.json") == nil)
    }

    @Test func markdown() {
        #expect(Golden.mismatch(MarkdownRenderer().render(report), golden: "Tests/ReportsTests/Golden/report.md") == nil)
    }

    @Test func sarif() {
        let out = SARIFRenderer(rules: ReportFixture.rules).render(report)
        #expect(Golden.mismatch(out, golden: "Tests/ReportsTests/Golden/report.sarif") == nil)
    }

    @Test func html() {
        #expect(Golden.mismatch(HTMLRenderer().render(report), golden: "Tests/ReportsTests/Golden/report.html") == nil)
    }

    @Test func completeReportInEveryFormat() {
        let complete = ReportFixture.completeOnly
        for format in ReportFormat.allCases {
            let out = format.render(complete, rules: ReportFixture.rules, color: false)
            if format == .json { #expect(ReportSchema.problems(in: out) == []) }
            #expect(Golden.mismatch(out, golden: "Tests/ReportsTests/Golden/complete.\(format.fileExtension)") == nil)
        }
    }

    // That rendering gives the same bytes in every process is checked across two processes (hash
    // seeds differ per process) in ScannerTests/ReproducibilityTests; within one process it cannot fail.
}
