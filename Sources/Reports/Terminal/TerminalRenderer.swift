import Risk
import TextOutput

/// The human report for a terminal: grouped by server, then a summary that states completeness.
/// Every server string passes through `TerminalEscaper`; colour (ANSI SGR) only when `color` is set.
public struct TerminalRenderer: StreamingRenderer {
    /// Whether to colour severities and statuses.
    public var color: Bool
    /// The terminal width in columns; nil means no cutting of long lines.
    public var width: Int?

    /// A renderer for a terminal of `width` columns (nil: not cut), with or without colour.
    public init(color: Bool, width: Int?) { self.color = color; self.width = width }

    /// The report as terminal text, ending in a newline.
    public func render(_ report: Report) -> String { renderInMemory(report) }

    /// A server's lines, each after a line break, after an empty line.
    public func parts(_ s: ServerReport, index: Int) -> ServerParts {
        var out = Lines(capacity: 2_048 + 512 * s.assessment.tools.count)
        out.buffer.append(byte: 0x0A)
        serverLines(s, TerminalStyle(color: color), &out)
        return ServerParts(channels: [out.buffer])
    }

    public func assembler(makeSpool: () throws -> any Spool) throws -> any ReportAssembler {
        try ConcatenatingAssembler(separators: [[]], makeSpool: makeSpool) { totals, generator, spools, sink in
            let style = TerminalStyle(color: color)
            var head = TextBuffer(capacity: 256)
            let name = "\(esc(generator.name)) \(esc(generator.version))"
            head.append(style.bold(fit("\(name) — \(totals.servers) \(totals.servers == 1 ? "server" : "servers") scanned")))
            for line in verdictLines(totals, style) { head.append("\n"); head.append(line) }
            var notes = Lines(capacity: 256)
            for note in totals.reviewNotes { wrap(esc(note), "  review: ", &notes) }
            head.append(notes.buffer)
            try sink.write(head)
            try spools.copy(0, to: sink)
            var tail = Lines(capacity: 512)
            tail.buffer.append(byte: 0x0A)
            summaryLines(totals, style, &tail)
            tail.buffer.append(byte: 0x0A)
            try sink.write(tail.buffer)
        }
    }

    private func verdictLines(_ totals: ReportTotals, _ style: TerminalStyle) -> [String] {
        let lines = TerminalEscaper.wrap(totals.verdict, width: width, first: "", rest: "  ")
        if !totals.isComplete { return lines.map { style.apply("1;33", $0) } }
        if totals.reachesFailOn { return lines.map { style.apply("1;31", $0) } }
        return lines.map { style.bold($0) }
    }

    private func serverLines(_ s: ServerReport, _ style: TerminalStyle, _ out: inout Lines) {
        let title = esc(s.displayName) + (s.reportedName.map { " — " + esc($0) } ?? "") + (s.version.map { " " + esc($0) } ?? "")
        out.line(style.bold(fit("━━ " + title)) + " " + style.status(s.status, s.status.rawValue.uppercased()))
        out.line(field("target", esc(s.target)))
        if let p = s.protocolVersion { out.line(field("protocol", esc(p))) }
        if let source = s.source { out.line(field("source", esc(source.path) + (source.line.map { ":\($0)" } ?? ""))) }
        if let failure = s.effectiveFailure {
            out.line(style.status(s.status, fit("  error     \(esc(failure.kind))")))
            out.line("    " + TerminalEscaper.block(failure.message, indent: "    "))
        }
        if let instructions = s.instructions, !instructions.isEmpty {
            out.line("  instructions")
            out.line("    " + TerminalEscaper.block(instructions, indent: "    "))
        }
        for anomaly in s.anomalies { out.line(field("anomaly", esc(anomaly))) }
        let tools = s.assessment.tools
        let cats = s.toolsByCategory.filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
        out.lines(TerminalEscaper.wrap("tools \(tools.count)\(cats.isEmpty ? "" : " (\(cats))") · findings \(s.assessment.findings.count)"
            + " · prompts \(s.promptCount) · resources \(s.resourceCount) · templates \(s.resourceTemplateCount)",
            width: width, first: "  ", rest: "    "))
        if !tools.isEmpty {
            out.line("")
            toolTable(tools, style, server: s, &out)
        }
        var headed = false
        for (i, t) in tools.enumerated() {
            let acceptance = s.toolAcceptance(i)
            guard t.severity != .low || acceptance != nil else { continue }
            if !headed { out.line(""); out.line(style.bold("  Evidence")); headed = true }
            evidenceLines(t, style, &out)
            if let a = acceptance { wrap(esc(a.summary), "      ", &out) }
        }
        for t in tools where !t.actions.isEmpty {
            out.line("")
            out.line(style.bold(fit("  Actions of \(esc(t.name)) (parameter \(esc(t.actions[0].parameter)))")))
            let values = t.actions.map { esc($0.value) }
            let w = min(32, values.map(TerminalEscaper.characterCount).max() ?? 0)
            for (a, value) in zip(t.actions, values) {
                out.line("    \(TerminalEscaper.pad(TerminalEscaper.fit(value, width: w), w))  \(TerminalEscaper.pad(a.category.rawValue, 11))  "
                    + style.severity(a.severity, a.severity.rawValue))
            }
        }
        if !s.assessment.findings.isEmpty {
            out.line("")
            out.line(style.bold("  Findings"))
            for (i, f) in s.assessment.findings.enumerated() {
                findingLines(f, style, &out)
                if let a = s.findingAcceptance(i) { wrap(esc(a.summary), "      ", &out) }
            }
        }
    }

    private func toolTable(_ tools: [ToolAssessment], _ style: TerminalStyle, server: ServerReport, _ out: inout Lines) {
        let names = tools.map { esc($0.name) }
        let counts = names.map(TerminalEscaper.characterCount)
        var nameWidth = max(4, min(32, counts.max() ?? 4))
        if let width { nameWidth = max(8, min(nameWidth, width - 49)) }  // leave the signals column at least 12 columns
        let fixed = 2 + nameWidth + 2 + 11 + 2 + 8 + 2 + 10 + 2
        let signalWidth = width.map { max(10, $0 - fixed) }
        out.line("  " + style.dim(TerminalEscaper.pad("TOOL", nameWidth) + "  CATEGORY     SEVERITY  CONFIDENCE  SIGNALS"))
        let column = String(repeating: " ", count: fixed)
        for (i, t) in tools.enumerated() {
            var signals = t.signals.isEmpty ? "—" : t.signals.map { esc($0.display) }.joined(separator: "; ")
            if let a = server.toolAcceptance(i) {
                signals = (a.expired ? "ACCEPTANCE EXPIRED" : "ACCEPTED") + (t.signals.isEmpty ? "" : "; " + signals)
            }
            out.buffer.append("\n  ")
            if counts[i] <= nameWidth {
                TerminalEscaper.appendPadded(names[i], nameWidth, to: &out.buffer)
            } else {
                out.buffer.append(TerminalEscaper.pad(TerminalEscaper.fit(names[i], width: nameWidth), nameWidth))
            }
            out.buffer.append("  ")
            TerminalEscaper.appendPadded(t.category.rawValue, 11, to: &out.buffer)
            out.buffer.append("  ")
            out.buffer.append(style.severity(t.severity, TerminalEscaper.pad(t.severity.rawValue, 8)))
            out.buffer.append("  ")
            TerminalEscaper.appendPadded(t.confidence.rawValue, 10, to: &out.buffer)
            out.buffer.append("  ")
            guard let signalWidth else {
                out.buffer.append(signals)
                continue
            }
            // Long signal lists continue on further lines, aligned under the SIGNALS column.
            let wrapped = TerminalEscaper.wrap(signals, width: signalWidth + fixed, first: column, rest: column)
            out.buffer.append(wrapped[0].dropFirst(fixed))
            out.lines(wrapped.dropFirst())
        }
    }

    private func evidenceLines(_ t: ToolAssessment, _ style: TerminalStyle, _ out: inout Lines) {
        out.line("    " + style.severity(t.severity, t.severity.rawValue.uppercased()) + " "
            + fit("\(esc(t.name)) — \(t.category.rawValue), \(t.confidence.rawValue) confidence", indent: 14))
        for e in t.evidence { wrap(TerminalEscaper.line(limit: 500) { ReportText.summary(e, to: &$0) }, "      ", &out) }
        if t.evidence.isEmpty { out.line("      (no quoted evidence)") }
        if !t.severityRaisedBy.isEmpty {
            out.line(fit("      severity raised by: " + t.severityRaisedBy.map(esc).joined(separator: ", ")))
        }
    }

    private func findingLines(_ f: Finding, _ style: TerminalStyle, _ out: inout Lines) {
        let place = f.location.kind.rawValue + (f.location.name.map { " " + esc($0) } ?? "")
        let head = "\(esc(f.ruleId)) at \(place) \(TerminalEscaper.line(limit: 500) { ReportText.pointer(f.location.pointer, to: &$0) }) (\(f.confidence.rawValue) confidence)"
        var lines = TerminalEscaper.wrap(head, width: width, first: String(repeating: " ", count: 13), rest: String(repeating: " ", count: 15))
        lines[0] = "    " + style.severity(f.severity, TerminalEscaper.pad(f.severity.rawValue.uppercased(), 8)) + " " + lines[0].dropFirst(13)
        out.lines(lines)
        wrap(esc(f.message), "      ", &out)
        wrap("quote: \"" + esc(f.quote) + "\"", "      ", &out)
    }

    private func summaryLines(_ totals: ReportTotals, _ style: TerminalStyle, _ out: inout Lines) {
        out.line(style.bold("Summary"))
        let completeness = fit("  " + totals.completenessLine)
        out.line(totals.isComplete ? style.apply("32", completeness) : style.apply("1;33", completeness))
        out.line(fit("  tools \(totals.tools): \(totals.categoryLine)"))
        var severities = "  tool severity: "
        severities += totals.toolsBySeverity.reversed().map { style.severity($0.0, "\($0.0.rawValue) \($0.1)") }
            .joined(separator: ", ")
        out.line(severities)
        out.line(fit("  findings \(totals.findings): \(totals.findingSeverityLine)"))
        if let failOn = totals.failOn {
            let state = totals.reachesFailOn ? "reached" : "not reached"
            out.line(fit("  fail-on \(failOn.rawValue): \(state)"))
        }
    }

    private func field(_ label: String, _ value: String) -> String {
        fit("  " + TerminalEscaper.pad(label, 9) + " " + value)
    }

    /// One escaped line broken to the terminal width, every line starting with `indent`.
    private func wrap(_ s: String, _ indent: String, _ out: inout Lines) {
        guard width != nil else { out.buffer.append(byte: 0x0A); out.buffer.append(indent); out.buffer.append(s); return }
        out.lines(TerminalEscaper.wrap(s, width: width, first: indent, rest: indent + "  "))
    }

    private func esc(_ s: String) -> String { TerminalEscaper.line(s, limit: 500) }

    /// Cuts a line to the terminal width; `indent` counts columns already used before it.
    private func fit(_ s: String, indent: Int = 0) -> String {
        TerminalEscaper.fit(s, width: width.map { max(10, $0 - indent) })
    }
}

/// Terminal text as lines, each written after a line break.
struct Lines {
    var buffer: TextBuffer

    init(capacity: Int) { buffer = TextBuffer(capacity: capacity) }

    /// Writes a line break and `text`.
    mutating func line(_ text: String) {
        buffer.append(byte: 0x0A)
        buffer.append(text)
    }

    /// Writes each line after a line break.
    mutating func lines(_ texts: some Sequence<String>) { for t in texts { line(t) } }
}
