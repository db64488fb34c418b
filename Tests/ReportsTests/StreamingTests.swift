import JSON
import Risk
import Testing
@testable import Reports
import TestSupport
@testable import TextOutput

/// A spool that hands its bytes back a few at a time, as a file read in chunks would.
final class ChunkySpool: Spool {
    var bytes: [UInt8] = []
    var count: Int { bytes.count }
    func append(_ more: UnsafeRawBufferPointer) { bytes.append(contentsOf: more) }
    func copy(_ range: Range<Int>, to sink: any ByteSink) throws {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + 7)
            try bytes.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            start = end
        }
    }
}

@Suite("Reports written one server at a time")
struct StreamingTests {
    /// Renders `report` server by server through spools read back in small chunks.
    static func streamed(_ renderer: any StreamingRenderer, _ report: Report) throws -> String {
        let assembler = try renderer.assembler(makeSpool: { ChunkySpool() })
        // Parts are rendered out of order (as workers finish) and added in order.
        let parts = report.servers.indices.reversed().map { renderer.parts(report.servers[$0], index: $0) }.reversed()
        for p in parts { try assembler.add(p) }
        let out = MemoryBytes()
        try assembler.finish(ReportTotals(report), generator: report.generator, to: out)
        return out.text
    }

    static var many: Report {
        var servers = ReportFixture.rich.servers + ReportFixture.hostile.servers
        servers += servers.map { var s = $0; s.name = ($0.name ?? "x") + " copy"; return s }
        return Report(generator: .init(version: "0.1.0"), servers: servers, failOn: .medium)
    }

    @Test("streamed output equals the whole report rendered at once", arguments: ReportFormat.allCases)
    func streamedEqualsWhole(_ format: ReportFormat) throws {
        for report in [Self.many, ReportFixture.rich, Report(generator: .init(version: "1"), servers: [])] {
            let renderer = format.renderer(rules: ReportFixture.rules, color: true, width: 90)
            #expect(try Self.streamed(renderer, report) == format.render(report, rules: ReportFixture.rules, color: true, width: 90))
        }
    }

    /// The SARIF log as the renderer first chose it, from the whole log as a value: every result
    /// pretty; else compact; else compact with the most severe `keep` results and a notification.
    static func referenceSARIF(_ report: Report, limit: Int, budget: Int) throws -> String {
        let full = try JSONValue(parsing: SARIFRenderer(rules: ReportFixture.rules).render(report))
        var run = try #require(full["runs"]?[0]?.objectValue)
        let all = try #require(run["results"]?.arrayValue)
        var invocation = try #require(run["invocations"]?[0]?.objectValue)
        let notes = try #require(invocation["toolExecutionNotifications"]?.arrayValue)
        func document(_ keep: Int) -> JSONValue {
            var results = all
            var notifications = notes
            if keep < all.count {
                let rank = { (r: JSONValue) in Severity(rawValue: r["properties"]?["severity"]?.stringValue ?? "")?.rank ?? 0 }
                results = Array(all.enumerated().sorted { rank($0.element) != rank($1.element) ? rank($0.element) > rank($1.element) : $0.offset < $1.offset }
                    .map(\.element).prefix(keep))
                notifications.append(["level": "warning", "message": ["text": .string("\(all.count - keep) of \(all.count) results were left out to stay "
                    + "within GitHub code scanning's limits (\(SARIFRenderer.maxResultsPerRun) results per run, 10 MB per upload); the most severe were kept.")],
                    "descriptor": ["id": "results-truncated"]])
            }
            invocation["toolExecutionNotifications"] = .array(notifications)
            run["invocations"] = [.object(invocation)]
            run["results"] = .array(results)
            var doc = full.objectValue!
            doc["runs"] = [.object(run)]
            return .object(doc)
        }
        var keep = min(limit, all.count)
        while true {
            let pretty = JSONWriter(indent: 2, escapingInvisible: true).string(document(keep)) + "\n"
            if pretty.utf8.count <= budget { return pretty }
            let compact = JSONWriter(escapingInvisible: true).string(document(keep)) + "\n"
            if compact.utf8.count <= budget || keep == 0 { return compact }
            keep = max(0, min(keep - 1, Int(Double(keep) * Double(budget) / Double(compact.utf8.count) * 0.9)))
        }
    }

    @Test func sarifChoosesWhatTheWholeLogWouldUnderEveryLimit() throws {
        let report = Self.many
        for (limit, budget) in [(25_000, 10_000_000), (3, 10_000_000), (25_000, 30_000), (25_000, 9_000), (5, 12_000), (0, 10_000_000)] {
            let renderer = SARIFRenderer(rules: ReportFixture.rules, resultLimit: limit, byteBudget: budget)
            let text = try Self.streamed(renderer, report)
            #expect(text == renderer.render(report))
            #expect(text == (try Self.referenceSARIF(report, limit: limit, budget: budget)), "limit \(limit), budget \(budget)")
        }
    }

    @Test func evidenceAndPointerPiecesJoinIntoTheirText() {
        let pointers = [JSONPointer(tokens: ["tools", "3", "description"]), JSONPointer(tokens: ["a/b", "c~d", "", "ü"]), .root]
        for pointer in pointers {
            var p = CollectedPieces()
            ReportText.pointer(pointer, to: &p)
            #expect(p.pieces.joined() == pointer.description)
            for quote in HostileStrings.all + ["x\u{FE0F}", "🙂\u{FE0F}"] {
                let e = Evidence(ruleId: "r", category: .execute, weight: 1, quote: quote, pointer: pointer, reason: "why \(quote)")
                var s = CollectedPieces()
                ReportText.summary(e, to: &s)
                #expect(s.pieces.joined() == e.summary)
            }
        }
    }

    @Test("every escaper writes pieces exactly as their joined text", arguments: HostileStrings.all + ["a\r", "\u{1}\u{FE0F}x"])
    func piecesEscapeLikeTheWhole(_ s: String) {
        let pieces = ["\"", s, "\" at ", "/", s, " → ", "write", ": ", s + s]
        let whole = pieces.joined()
        for limit in [nil, 0, 3, 12, 40, 1_000] as [Int?] {
            var a = TextBuffer(), b = TextBuffer()
            MarkdownEscaper.appendInline(whole, limit: limit, to: &a)
            MarkdownEscaper.appendInline(pieces: pieces, limit: limit, to: &b)
            #expect(a.text == b.text, "markdown, limit \(String(describing: limit))")
            a.removeAll(); b.removeAll()
            HTMLEscaper.appendText(whole, limit: limit, to: &a)
            HTMLEscaper.appendText(pieces: pieces, limit: limit, to: &b)
            #expect(a.text == b.text, "html, limit \(String(describing: limit))")
            #expect(TerminalEscaper.line(whole, limit: limit) == TerminalEscaper.line(pieces: pieces, limit: limit))
        }
        var a = TextBuffer(), b = TextBuffer()
        JSONEscaper.appendQuoted(whole, escapingInvisible: true, to: &a)
        JSONEscaper.appendQuoted(pieces: pieces, escapingInvisible: true, to: &b)
        #expect(a.text == b.text)
    }

    /// The report JSON's escaping as it was first written: the plain JSON string, then a pass over the
    /// text escaping controls and invisible characters it left.
    static func referenceReportString(_ s: String) -> String {
        var plain = ""
        JSONWriter.appendQuoted(s, to: &plain)
        var out = ""
        var previous: Unicode.Scalar?
        for u in plain.unicodeScalars {
            if u != "\n" && (VisibleText.isControl(u) || VisibleText.isInvisible(u, after: previous)) {
                for unit in String(u).utf16 { out += "\\u" + VisibleText.hex(UInt32(unit), minimumDigits: 4).lowercased() }
            } else {
                out.unicodeScalars.append(u)
            }
            previous = u
        }
        return out
    }

    @Test("report JSON strings escape invisible characters as the two-pass writer did",
          arguments: HostileStrings.all + ["\u{1}\u{FE0F}", "\u{8}\u{FE0F}", "1\u{FE0F}", "\u{85}\u{FE0F}", "🙂\u{FE0F}", "\u{2028}\u{FE0F}", "tag\u{E0001}"])
    func reportStringsMatchTheTwoPassWriter(_ s: String) {
        #expect(JSONEscaper.quoted(s, escapingInvisible: true) == Self.referenceReportString(s))
    }

    @Test func commonBlocksHoldNoInvisibleCharacter() {
        // The fast answer for common blocks must agree with the full rule for every scalar in them.
        for v in UInt32(0xAD)...0xD7A3 where VisibleText.commonVisible(v) {
            guard let u = Unicode.Scalar(v) else { continue }
            let p = u.properties
            let invisible = p.isBidiControl || p.isDefaultIgnorableCodePoint || [.format, .lineSeparator, .paragraphSeparator, .control].contains(p.generalCategory)
                || (0xFE00...0xFE0F).contains(v) || [0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFFA0, 0xFEFF].contains(v)
                || (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v) || (0x2060...0x206F).contains(v) || (0xFFF9...0xFFFB).contains(v)
            #expect(!invisible, "U+\(String(v, radix: 16)) is invisible")
        }
    }
}
