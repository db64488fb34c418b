import Foundation
import Testing
@testable import Reports
import TestSupport

/// The Markdown report run through a real CommonMark parser (markdown-it-py, HTML and tables on):
/// server text must produce no element of its own and no table may lose or gain a cell.
@Suite("Markdown through a CommonMark parser")
struct MarkdownParsedTests {
    static let check = """
    import re, sys
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    CATS = {"read", "write", "execute", "destructive", "financial"}
    SEVS = {"low", "medium", "high", "critical"}
    CONFS = {"low", "medium", "high"}
    bad = 0
    for path in sys.argv[1:]:
        html = md.render(open(path, encoding="utf-8").read())
        # Elements server text could create if escaping failed.
        for needle in ["<script", "<img", "<a ", "<em>", "<del>", "<!--", "<b>x</b>", "<strong>bold</strong>", "<code>code</code>"]:
            if needle in html:
                bad += 1; print(path, "contains", needle)
        # Our own Markdown makes <strong> only from fixed labels; count cells per row in every table.
        for table in re.findall(r"<table>.*?</table>", html, re.S):
            heads = len(re.findall(r"<th[ >]", table))
            for row in re.findall(r"<tbody>.*?</tbody>", table, re.S):
                for tr in re.findall(r"<tr>.*?</tr>", row, re.S):
                    cells = len(re.findall(r"<td[ >]", tr))
                    if cells != heads:
                        bad += 1; print(path, "row with", cells, "cells under", heads, "headers:", tr[:200])
            # Extra cells are dropped silently by GFM, so also check that fixed columns hold our words.
            if "<th>Tool</th>" in table:
                for tr in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[-1], re.S):
                    cells = re.findall(r"<td>(.*?)</td>", tr, re.S)
                    if len(cells) < 4 or cells[1] not in CATS or cells[2] not in SEVS or cells[3] not in CONFS:
                        bad += 1; print(path, "tool row shifted:", cells[:4])
        print(path, "tables:", html.count("<table>"))
    print("checked", len(sys.argv) - 1, "documents,", bad, "problems")
    sys.exit(1 if bad else 0)
    """

    @Test(.enabled(if: ExternalTools.markdownPython != nil || ExternalTools.inCI,
                   "needs .venv/bin/python3 with markdown-it-py (.venv/bin/pip install markdown-it-py)"))
    func serverTextCreatesNoMarkupAndTablesKeepTheirCells() throws {
        let python = try #require(ExternalTools.markdownPython, "CI is set but .venv/bin/python3 with markdown-it-py is missing")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (name, report) in [("rich", ReportFixture.rich), ("hostile", ReportFixture.hostile)] {
            let url = dir.appendingPathComponent("\(name).md")
            try MarkdownRenderer().render(report).write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let outcome = try ExternalTools.run(python, ["-c", Self.check] + paths, timeout: 120)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("checked 2 documents, 0 problems"))
    }
}
