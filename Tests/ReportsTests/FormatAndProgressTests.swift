import Testing
@testable import Reports
import TestSupport
import TextOutput

@Suite("Format dispatch and progress line")
struct FormatAndProgressTests {
    @Test func formatsParseCaseInsensitively() {
        #expect(ReportFormat(caseInsensitive: "SARIF") == .sarif)
        #expect(ReportFormat(caseInsensitive: "Markdown") == .markdown)
        #expect(ReportFormat(caseInsensitive: "pdf") == nil)
        #expect(ReportFormat.allCases.map(\.rawValue) == ["terminal", "json", "markdown", "sarif", "html"])
    }

    @Test func dispatchMatchesTheRenderers() {
        let r = ReportFixture.rich
        #expect(ReportFormat.terminal.render(r, rules: [], color: true, width: 90) == TerminalRenderer(color: true, width: 90).render(r))
        let json = ReportFormat.json.render(r, rules: [], color: true)
        #expect(json == JSONReportRenderer().render(r))
        #expect(ReportSchema.problems(in: json) == [])
        #expect(ReportFormat.markdown.render(r, rules: [], color: true) == MarkdownRenderer().render(r))
        #expect(ReportFormat.sarif.render(r, rules: ReportFixture.rules, color: false) == SARIFRenderer(rules: ReportFixture.rules).render(r))
        #expect(ReportFormat.html.render(r, rules: [], color: true) == HTMLRenderer().render(r))
        #expect(!ReportFormat.markdown.render(r, rules: [], color: true).contains("\u{1B}"), "colour is for the terminal only")
    }

    @Test func progressLine() {
        let p = ProgressLine(done: 2, total: 5, current: "github", width: 80)
        #expect(p.text == "\r[2/5] scanning github…\u{1B}[K")
        #expect(ProgressLine(done: 5, total: 5, current: nil, width: 80).text == "\r[5/5] done\u{1B}[K")
        #expect(ProgressLine.clear == "\r\u{1B}[K")
    }

    @Test("the progress line fits its width and escapes the server name", arguments: HostileStrings.all)
    func progressLineIsSafe(_ name: String) {
        let text = ProgressLine(done: 1, total: 3, current: name + String(repeating: "x", count: 200), width: 40).text
        #expect(text.hasPrefix("\r") && text.hasSuffix("\u{1B}[K"))
        let middle = String(text.dropFirst().dropLast(3))
        #expect(middle.count <= 39)
        #expect(VisibleText.isPlain(middle))
    }
}
