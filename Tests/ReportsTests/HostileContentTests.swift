import JSON
import Testing
@testable import Reports
import TestSupport
import TextOutput

@Suite("Hostile strings never reach the medium unescaped")
struct HostileContentTests {
    static let report = ReportFixture.hostile

    @Test func terminalWithoutColourHasNoControlByte() {
        for width in [nil, 60] as [Int?] {
            let out = TerminalRenderer(color: false, width: width).render(Self.report)
            for line in out.split(separator: "\n") { #expect(VisibleText.isPlain(String(line)), "\(line.debugDescription)") }
        }
    }

    @Test func terminalColourEmitsOnlyOurSGR() {
        let out = TerminalRenderer(color: true, width: 80).render(Self.report)
        let scalars = Array(out.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u == "\u{1B}" {
                // Only `ESC [ digits ; digits m` may appear.
                #expect(i + 1 < scalars.count && scalars[i + 1] == "[")
                var j = i + 2
                while j < scalars.count, "0123456789;".unicodeScalars.contains(scalars[j]) { j += 1 }
                #expect(j < scalars.count && scalars[j] == "m", "non-SGR escape at \(i)")
                i = j + 1
                continue
            }
            #expect(u == "\n" || VisibleText.isPlain(String(u)), "raw \(u.value) at \(i)")
            i += 1
        }
    }

    @Test func jsonIsLosslessAndTerminalSafe() throws {
        let text = JSONReportRenderer().render(Self.report)
        #expect(ReportSchema.problems(in: text) == [])
        for line in text.split(separator: "\n") { #expect(VisibleText.isPlain(String(line))) }
        let doc = try JSONValue(parsing: text)
        let names = try #require(doc["servers"]?.arrayValue).compactMap { $0["tools"]?[0]?["name"]?.stringValue }
        #expect(names == HostileStrings.all)
    }

    @Test func sarifIsTerminalSafeAndKeepsRawValuesInProperties() throws {
        let text = SARIFRenderer(rules: ReportFixture.rules).render(Self.report)
        for line in text.split(separator: "\n") { #expect(VisibleText.isPlain(String(line))) }
        let doc = try JSONValue(parsing: text)
        let results = try #require(doc["runs"]?[0]?["results"]?.arrayValue)
        let quotes = results.compactMap { $0["properties"]?["quote"]?.stringValue }
        #expect(quotes == HostileStrings.all)
        for r in results { #expect(VisibleText.isPlain(r["message"]?["text"]?.stringValue ?? "")) }
    }

    @Test func markdownTablesKeepTheirShape() {
        let out = MarkdownRenderer().render(Self.report)
        var columns: Int?
        for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { columns = nil; continue }
            let pipes = Self.unescapedPipes(String(line))
            if let columns { #expect(pipes == columns, "row breaks its table: \(line)") } else { columns = pipes }
        }
        let outsideFences = Self.outsideCodeFences(out)
        let prose = outsideFences.joined(separator: "\n")
        #expect(!prose.contains("<script") && !prose.contains("<img") && !prose.contains("<!--"))
        for line in outsideFences { #expect(VisibleText.isPlain(line)) }
        #expect(!outsideFences.joined().replacingBr().contains("<"), "only our own <br> may be raw HTML")
    }

    @Test func htmlHasOnlyOurMarkup() {
        let out = HTMLRenderer().render(Self.report)
        let tags = HTMLTagScanner.tags(out)
        #expect(tags.filter { $0.name == "script" }.count == 1)
        for tag in tags {
            #expect(HTMLTagScanner.allowed.contains(tag.name), "unexpected tag <\(tag.name)>")
            for attribute in tag.attributes {
                #expect(!attribute.hasPrefix("on") && attribute != "src" && attribute != "href", "attribute \(attribute) on <\(tag.name)>")
            }
        }
        #expect(!out.lowercased().contains("url("))
        for line in out.split(separator: "\n") { #expect(VisibleText.isPlain(String(line))) }
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0, backslashes = 0
        for c in line {
            if c == "|" && backslashes % 2 == 0 { count += 1 }
            backslashes = c == "\\" ? backslashes + 1 : 0
        }
        return count
    }

    static func outsideCodeFences(_ text: String) -> [String] {
        var out: [String] = [], fence: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let f = fence { if line == f { fence = nil }; continue }
            if line.hasPrefix("```") { fence = String(line.prefix { $0 == "`" }); continue }
            out.append(line)
        }
        return out
    }
}

extension String {
    fileprivate func replacingBr() -> String { split(separator: "<br>", omittingEmptySubsequences: false).joined() }
}
