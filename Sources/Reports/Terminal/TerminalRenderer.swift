import Risk

/// The human report for a terminal: grouped by server, then a summary that states completeness.
/// Every server string passes through `TerminalEscaper`; colour (ANSI SGR) only when `color` is set.
public struct TerminalRenderer: Sendable {
    /// Whether to colour severities and statuses.
    public var color: Bool
    /// The terminal width in columns; nil means no cutting of long lines.
    public var width: Int?

    /// A renderer for a terminal of `width` columns (nil: not cut), with or without colour.
    public init(color: Bool, width: Int?) { self.color = color; self.width = width }

    /// The report as terminal text, ending in a newline.
    public func render(_ report: Report) -> String {
        let style = TerminalStyle(color: color)
        let totals = ReportTotals(report)
        var out: [String] = []
        let generator = "\(esc(report.generator.name)) \(esc(report.generator.version))"
        out.append(style.bold(fit("\(generator) — \(totals.servers) \(totals.servers == 1 ? "server" : "servers") scanned")))
        out += verdictLines(totals, style)
        for note in report.reviewNotes { out += wrap(esc(note), "  review: ") }
        for server in report.servers {
            out.append("")
            out += serverLines(server, style)
        }
        out.append("")
        out += summaryLines(totals, style)
        return out.joined(separator: "\n") + "\n"
    }

    private func verdictLines(_ totals: ReportTotals, _ style: TerminalStyle) -> [String] {
        let lines = TerminalEscaper.wrap(totals.verdict, width: width, first: "", rest: "  ")
        if !totals.isComplete { return lines.map { style.apply("1;33", $0) } }
        if totals.reachesFailOn { return lines.map { style.apply("1;31", $0) } }
        return lines.map { style.bold($0) }
    }

    private func serverLines(_ s: ServerReport, _ style: TerminalStyle) -> [String] {
        var out: [String] = []
        let title = esc(s.displayName) + (s.reportedName.map { " — " + esc($0) } ?? "") + (s.version.map { " " + esc($0) } ?? "")
        out.append(style.bold(fit("━━ " + title)) + " " + style.status(s.status, s.status.rawValue.uppercased()))
        out.append(field("target", esc(s.target)))
        if let p = s.protocolVersion { out.append(field("protocol", esc(p))) }
        if let source = s.source { out.append(field("source", esc(source.path) + (source.line.map { ":\($0)" } ?? ""))) }
        if let failure = s.effectiveFailure {
            out.append(style.status(s.status, fit("  error     \(esc(failure.kind))")))
            out.append("    " + TerminalEscaper.block(failure.message, indent: "    "))
        }
        if let instructions = s.instructions, !instructions.isEmpty {
            out.append("  instructions")
            out.append("    " + TerminalEscaper.block(instructions, indent: "    "))
        }
        for anomaly in s.anomalies { out.append(field("anomaly", esc(anomaly))) }
        let tools = s.assessment.tools
        let cats = s.toolsByCategory.filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
        out += TerminalEscaper.wrap("tools \(tools.count)\(cats.isEmpty ? "" : " (\(cats))") · findings \(s.assessment.findings.count)"
            + " · prompts \(s.promptCount) · resources \(s.resourceCount) · templates \(s.resourceTemplateCount)",
            width: width, first: "  ", rest: "    ")
        if !tools.isEmpty {
            out.append("")
            out += toolTable(tools, style, server: s)
        }
        let above = tools.indices.filter { tools[$0].severity > .low || s.toolAcceptance($0) != nil }
        if !above.isEmpty {
            out.append("")
            out.append(style.bold("  Evidence"))
            for i in above {
                out += evidenceLines(tools[i], style)
                if let a = s.toolAcceptance(i) { out += wrap(esc(a.summary), "      ") }
            }
        }
        for t in tools where !t.actions.isEmpty {
            out.append("")
            out.append(style.bold(fit("  Actions of \(esc(t.name)) (parameter \(esc(t.actions[0].parameter)))")))
            let w = min(32, t.actions.map { esc($0.value).count }.max() ?? 0)
            for a in t.actions {
                let value = TerminalEscaper.pad(TerminalEscaper.fit(esc(a.value), width: w), w)
                out.append("    \(value)  \(TerminalEscaper.pad(a.category.rawValue, 11))  "
                    + style.severity(a.severity, a.severity.rawValue))
            }
        }
        if !s.assessment.findings.isEmpty {
            out.append("")
            out.append(style.bold("  Findings"))
            for (i, f) in s.assessment.findings.enumerated() {
                out += findingLines(f, style)
                if let a = s.findingAcceptance(i) { out += wrap(esc(a.summary), "      ") }
            }
        }
        return out
    }

    private func toolTable(_ tools: [ToolAssessment], _ style: TerminalStyle, server: ServerReport) -> [String] {
        var nameWidth = max(4, min(32, tools.map { esc($0.name).count }.max() ?? 4))
        if let width { nameWidth = max(8, min(nameWidth, width - 49)) }  // leave the signals column at least 12 columns
        let fixed = 2 + nameWidth + 2 + 11 + 2 + 8 + 2 + 10 + 2
        let signalWidth = width.map { max(10, $0 - fixed) }
        var out = ["  " + style.dim(TerminalEscaper.pad("TOOL", nameWidth) + "  CATEGORY     SEVERITY  CONFIDENCE  SIGNALS")]
        let column = String(repeating: " ", count: fixed)
        for (i, t) in tools.enumerated() {
            let name = TerminalEscaper.pad(TerminalEscaper.fit(esc(t.name), width: nameWidth), nameWidth)
            var signals = t.signals.isEmpty ? "—" : t.signals.map { esc($0.display) }.joined(separator: "; ")
            if let a = server.toolAcceptance(i) {
                signals = (a.expired ? "ACCEPTANCE EXPIRED" : "ACCEPTED") + (t.signals.isEmpty ? "" : "; " + signals)
            }
            // Long signal lists continue on further lines, aligned under the SIGNALS column.
            let wrapped = TerminalEscaper.wrap(signals, width: signalWidth.map { $0 + fixed }, first: column, rest: column)
            out.append("  \(name)  \(TerminalEscaper.pad(t.category.rawValue, 11))  "
                + style.severity(t.severity, TerminalEscaper.pad(t.severity.rawValue, 8))
                + "  \(TerminalEscaper.pad(t.confidence.rawValue, 10))  "
                + wrapped[0].dropFirst(fixed))
            out += wrapped.dropFirst()
        }
        return out
    }

    private func evidenceLines(_ t: ToolAssessment, _ style: TerminalStyle) -> [String] {
        var out = ["    " + style.severity(t.severity, t.severity.rawValue.uppercased()) + " "
            + fit("\(esc(t.name)) — \(t.category.rawValue), \(t.confidence.rawValue) confidence", indent: 14)]
        for e in t.evidence { out += wrap(esc(e.summary), "      ") }
        if t.evidence.isEmpty { out.append("      (no quoted evidence)") }
        if !t.severityRaisedBy.isEmpty {
            out.append(fit("      severity raised by: " + t.severityRaisedBy.map(esc).joined(separator: ", ")))
        }
        return out
    }

    private func findingLines(_ f: Finding, _ style: TerminalStyle) -> [String] {
        let place = f.location.kind.rawValue + (f.location.name.map { " " + esc($0) } ?? "")
        let head = "\(esc(f.ruleId)) at \(place) \(esc(f.location.pointer.description)) (\(f.confidence.rawValue) confidence)"
        var lines = TerminalEscaper.wrap(head, width: width, first: String(repeating: " ", count: 13), rest: String(repeating: " ", count: 15))
        lines[0] = "    " + style.severity(f.severity, TerminalEscaper.pad(f.severity.rawValue.uppercased(), 8)) + " " + lines[0].dropFirst(13)
        return lines + wrap(esc(f.message), "      ") + wrap("quote: \"" + esc(f.quote) + "\"", "      ")
    }

    private func summaryLines(_ totals: ReportTotals, _ style: TerminalStyle) -> [String] {
        var out = [style.bold("Summary")]
        let completeness = fit("  " + totals.completenessLine)
        out.append(totals.isComplete ? style.apply("32", completeness) : style.apply("1;33", completeness))
        out.append(fit("  tools \(totals.tools): \(totals.categoryLine)"))
        var severities = "  tool severity: "
        severities += totals.toolsBySeverity.reversed().map { style.severity($0.0, "\($0.0.rawValue) \($0.1)") }
            .joined(separator: ", ")
        out.append(severities)
        out.append(fit("  findings \(totals.findings): \(totals.findingSeverityLine)"))
        if let failOn = totals.failOn {
            let state = totals.reachesFailOn ? "reached" : "not reached"
            out.append(fit("  fail-on \(failOn.rawValue): \(state)"))
        }
        return out
    }

    private func field(_ label: String, _ value: String) -> String {
        fit("  " + TerminalEscaper.pad(label, 9) + " " + value)
    }

    /// One escaped line broken to the terminal width, every line starting with `indent`.
    private func wrap(_ s: String, _ indent: String) -> [String] {
        TerminalEscaper.wrap(s, width: width, first: indent, rest: indent + "  ")
    }

    private func esc(_ s: String) -> String { TerminalEscaper.line(s, limit: 500) }

    /// Cuts a line to the terminal width; `indent` counts columns already used before it.
    private func fit(_ s: String, indent: Int = 0) -> String {
        TerminalEscaper.fit(s, width: width.map { max(10, $0 - indent) })
    }
}
