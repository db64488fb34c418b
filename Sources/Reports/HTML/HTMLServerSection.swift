import Risk
import TextOutput

/// One server's card in the HTML report.
struct HTMLServerSection {
    var server: ServerReport
    var index: Int

    /// Appends the card to `h`.
    func write(into h: inout TextBuffer) {
        let s = server
        h.append("<section class=\"server card\" id=\"server-")
        h.append(decimal: index)
        h.append("\">\n<div class=\"server-head\"><h2>")
        text(s.displayName, &h)
        if let reported = s.reportedName { h.append(" — "); text(reported, &h) }
        h.append("</h2>")
        if let v = s.version { h.append("<span class=\"muted mono\">"); text(v, &h); h.append("</span>") }
        h.append("<span class=\"badge status-\(s.status.rawValue)\">\(s.status.rawValue)</span></div>\n")
        h.append("<dl class=\"meta\"><dt>target</dt><dd class=\"mono\">")
        text(s.target, &h)
        h.append("</dd>")
        if let p = s.protocolVersion { h.append("<dt>protocol</dt><dd class=\"mono\">"); text(p, &h); h.append("</dd>") }
        if let source = s.source {
            h.append("<dt>declared in</dt><dd class=\"mono\">")
            text(source.path, &h)
            if let line = source.line { h.append(":"); h.append(decimal: line) }
            h.append("</dd>")
        }
        h.append("<dt>listed</dt><dd>\(s.assessment.tools.count) tools, \(s.promptCount) prompts, \(s.resourceCount) resources, "
            + "\(s.resourceTemplateCount) resource templates, \(s.assessment.findings.count) findings</dd>")
        let categories = s.toolsByCategory.filter { $0.1 > 0 }
        if !categories.isEmpty {
            h.append("<dt>by category</dt><dd class=\"counts\">")
            for (category, count) in categories { h.append("<span class=\"chip cat-\(category.rawValue)\">\(category.rawValue) \(count)</span>") }
            h.append("</dd>")
        }
        for anomaly in s.anomalies { h.append("<dt>anomaly</dt><dd>"); text(anomaly, &h); h.append("</dd>") }
        h.append("</dl>\n")
        if let failure = s.effectiveFailure {
            h.append("<div class=\"failure\"><b>Not read completely (\(s.status.rawValue)) — ")
            text(failure.kind, &h)
            h.append("</b><pre>")
            HTMLEscaper.appendBlock(failure.message, limit: 4_000, to: &h)
            h.append("</pre></div>\n")
        }
        if let instructions = s.instructions, !instructions.isEmpty {
            h.append("<details><summary>Server instructions (untrusted text)</summary><pre>")
            HTMLEscaper.appendBlock(instructions, limit: 4_000, to: &h)
            h.append("</pre></details>\n")
        }
        if !s.assessment.tools.isEmpty { toolTable(s.assessment.tools, &h) }
        if !s.assessment.findings.isEmpty {
            h.append("<h3>Threat findings</h3>\n")
            for (i, f) in s.assessment.findings.enumerated() { finding(f, acceptance: s.findingAcceptance(i), &h) }
        }
        if let policy = s.policy {
            h.append("<details class=\"policy\"><summary>Recommended policy (")
            text(policy.format, &h)
            h.append(")</summary><pre>")
            HTMLEscaper.appendBlock(policy.text, limit: nil, to: &h)
            h.append("</pre></details>\n")
        }
        h.append("</section>\n")
    }

    private func toolTable(_ tools: [ToolAssessment], _ h: inout TextBuffer) {
        h.append("<h3>Tools</h3>\n<table class=\"tools\">\n<thead><tr><th data-sort=\"name\">Tool</th><th data-sort=\"category\">Category</th>"
            + "<th data-sort=\"severity\">Severity</th><th data-sort=\"confidence\">Confidence</th><th>Signals</th></tr></thead>\n<tbody>\n")
        for (i, t) in tools.enumerated() {
            h.append("<tr class=\"tool\" data-cat=\"")
            h.append(t.category.rawValue)
            h.append("\" data-name=\"")
            HTMLEscaper.appendText(t.name, limit: 200, to: &h)
            h.append("\" data-category=\"")
            h.append(decimal: t.category.rank)
            h.append("\" data-severity=\"")
            h.append(decimal: t.severity.rank)
            h.append("\" data-confidence=\"")
            h.append(decimal: t.confidence.rank)
            h.append("\"><td class=\"name\">")
            detail(t, &h)
            acceptanceNote(server.toolAcceptance(i), &h)
            h.append("</td><td><span class=\"chip cat-")
            h.append(t.category.rawValue)
            h.append("\">")
            h.append(t.category.rawValue)
            h.append("</span></td><td><span class=\"chip sev-")
            h.append(t.severity.rawValue)
            h.append("\">")
            h.append(t.severity.rawValue)
            h.append("</span></td><td>")
            h.append(t.confidence.rawValue)
            h.append("</td><td>")
            if t.signals.isEmpty { h.append("<span class=\"muted\">—</span>") }
            for signal in t.signals { h.append("<span class=\"signal\">"); text(signal.display, &h); h.append("</span>") }
            h.append("</td></tr>\n")
        }
        h.append("</tbody></table>\n")
    }

    private func detail(_ t: ToolAssessment, _ h: inout TextBuffer) {
        h.append("<details class=\"tool-detail\"><summary>")
        text(t.name, &h)
        h.append("</summary><ul>")
        for e in t.evidence { h.append("<li>"); HTMLEscaper.appendText(limit: 1_000, to: &h) { ReportText.summary(e, to: &$0) }; h.append("</li>") }
        if t.evidence.isEmpty { h.append("<li class=\"muted\">no quoted evidence</li>") }
        if !t.severityRaisedBy.isEmpty {
            h.append("<li>severity raised by: ")
            text(t.severityRaisedBy.joined(separator: ", "), &h)
            h.append("</li>")
        }
        for s in t.signals {
            h.append("<li>signal: ")
            text(s.id, &h)
            h.append(" — ")
            text(s.display, &h)
            h.append("</li>")
        }
        let a = t.annotations
        if !a.isEmpty {
            let hints = [("readOnlyHint", a.readOnlyHint), ("destructiveHint", a.destructiveHint),
                         ("idempotentHint", a.idempotentHint), ("openWorldHint", a.openWorldHint)]
                .compactMap { name, value in value.map { "\(name)=\($0)" } }
            h.append("<li>declared annotations: \(hints.joined(separator: ", "))</li>")
        }
        h.append("</ul>")
        if !t.actions.isEmpty {
            h.append("<div class=\"muted\">actions (parameter ")
            text(t.actions[0].parameter, &h)
            h.append("):</div><ul>")
            for action in t.actions {
                h.append("<li><code>")
                text(action.value, &h)
                h.append("</code> <span class=\"chip cat-\(action.category.rawValue)\">\(action.category.rawValue)</span> "
                    + "<span class=\"chip sev-\(action.severity.rawValue)\">\(action.severity.rawValue)</span></li>")
            }
            h.append("</ul>")
        }
        h.append("</details>")
        if t.severity != .low, let top = t.evidence.first {
            h.append("<div class=\"why\">“")
            text(top.quote, &h)
            h.append("” → ")
            h.append(top.category.rawValue)
            h.append(": ")
            text(top.reason, &h)
            h.append("</div>")
        }
    }

    /// An accepted (or expired) item's marker: the word in a chip, the reviewer and reason after it.
    private func acceptanceNote(_ a: Acceptance?, _ h: inout TextBuffer) {
        guard let a else { return }
        h.append("<div class=\"accepted\"><span class=\"chip\">")
        h.append(a.expired ? "acceptance expired" : "accepted")
        h.append("</span> ")
        text(a.summary, &h)
        h.append("</div>")
    }

    private func finding(_ f: Finding, acceptance: Acceptance?, _ h: inout TextBuffer) {
        h.append("<div class=\"finding f-")
        h.append(f.severity.rawValue)
        h.append("\">")
        acceptanceNote(acceptance, &h)
        h.append("<span class=\"chip sev-")
        h.append(f.severity.rawValue)
        h.append("\">")
        h.append(f.severity.rawValue)
        h.append("</span> <span class=\"rule\">")
        text(f.ruleId, &h)
        h.append("</span> <span class=\"where\">")
        text(f.location.kind.rawValue + (f.location.name.map { " " + $0 } ?? ""), &h)
        h.append(" · ")
        HTMLEscaper.appendText(limit: 1_000, to: &h) { ReportText.pointer(f.location.pointer, to: &$0) }
        h.append(" · ")
        h.append(f.confidence.rawValue)
        h.append(" confidence</span><div>")
        text(f.message, &h)
        h.append("</div><q>")
        text(f.quote, &h)
        h.append("</q></div>\n")
    }

    private func text(_ s: String, _ h: inout TextBuffer) { HTMLEscaper.appendText(s, limit: 1_000, to: &h) }
}
