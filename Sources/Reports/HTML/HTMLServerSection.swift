import Risk

/// One server's card in the HTML report.
struct HTMLServerSection {
    var server: ServerReport
    var index: Int

    var html: String {
        let s = server
        var h = "<section class=\"server card\" id=\"server-\(index)\">\n<div class=\"server-head\">"
        h += "<h2>\(text(s.displayName))\(s.reportedName.map { " — " + text($0) } ?? "")</h2>"
        if let v = s.version { h += "<span class=\"muted mono\">\(text(v))</span>" }
        h += "<span class=\"badge status-\(s.status.rawValue)\">\(s.status.rawValue)</span></div>\n"
        h += "<dl class=\"meta\"><dt>target</dt><dd class=\"mono\">\(text(s.target))</dd>"
        if let p = s.protocolVersion { h += "<dt>protocol</dt><dd class=\"mono\">\(text(p))</dd>" }
        if let source = s.source {
            h += "<dt>declared in</dt><dd class=\"mono\">\(text(source.path))\(source.line.map { ":\($0)" } ?? "")</dd>"
        }
        h += "<dt>listed</dt><dd>\(s.assessment.tools.count) tools, \(s.promptCount) prompts, \(s.resourceCount) resources, "
            + "\(s.resourceTemplateCount) resource templates, \(s.assessment.findings.count) findings</dd>"
        let categories = s.toolsByCategory.filter { $0.1 > 0 }
        if !categories.isEmpty {
            h += "<dt>by category</dt><dd class=\"counts\">" + categories.map {
                "<span class=\"chip cat-\($0.0.rawValue)\">\($0.0.rawValue) \($0.1)</span>"
            }.joined() + "</dd>"
        }
        for anomaly in s.anomalies { h += "<dt>anomaly</dt><dd>\(text(anomaly))</dd>" }
        h += "</dl>\n"
        if let failure = s.effectiveFailure {
            h += "<div class=\"failure\"><b>Not read completely (\(s.status.rawValue)) — \(text(failure.kind))</b>"
            h += "<pre>\(HTMLEscaper.block(failure.message, limit: 4_000))</pre></div>\n"
        }
        if let instructions = s.instructions, !instructions.isEmpty {
            h += "<details><summary>Server instructions (untrusted text)</summary><pre>\(HTMLEscaper.block(instructions, limit: 4_000))</pre></details>\n"
        }
        if !s.assessment.tools.isEmpty { h += toolTable(s.assessment.tools) }
        if !s.assessment.findings.isEmpty {
            h += "<h3>Threat findings</h3>\n"
            for (i, f) in s.assessment.findings.enumerated() { h += finding(f, acceptance: s.findingAcceptance(i)) }
        }
        if let policy = s.policy {
            h += "<details class=\"policy\"><summary>Recommended policy (\(text(policy.format)))</summary>"
                + "<pre>\(HTMLEscaper.block(policy.text, limit: nil))</pre></details>\n"
        }
        return h + "</section>\n"
    }

    private func toolTable(_ tools: [ToolAssessment]) -> String {
        var h = "<h3>Tools</h3>\n<table class=\"tools\">\n<thead><tr><th data-sort=\"name\">Tool</th><th data-sort=\"category\">Category</th>"
            + "<th data-sort=\"severity\">Severity</th><th data-sort=\"confidence\">Confidence</th><th>Signals</th></tr></thead>\n<tbody>\n"
        for (i, t) in tools.enumerated() {
            h += "<tr class=\"tool\" data-cat=\"\(t.category.rawValue)\" data-name=\"\(HTMLEscaper.attribute(t.name))\" "
                + "data-category=\"\(t.category.rank)\" data-severity=\"\(t.severity.rank)\" data-confidence=\"\(t.confidence.rank)\">"
            h += "<td class=\"name\">\(detail(t))\(acceptanceNote(server.toolAcceptance(i)))</td>"
            h += "<td><span class=\"chip cat-\(t.category.rawValue)\">\(t.category.rawValue)</span></td>"
            h += "<td><span class=\"chip sev-\(t.severity.rawValue)\">\(t.severity.rawValue)</span></td>"
            h += "<td>\(t.confidence.rawValue)</td><td>"
            h += t.signals.isEmpty ? "<span class=\"muted\">—</span>" : t.signals.map { "<span class=\"signal\">\(text($0.display))</span>" }.joined()
            h += "</td></tr>\n"
        }
        return h + "</tbody></table>\n"
    }

    private func detail(_ t: ToolAssessment) -> String {
        var h = "<details class=\"tool-detail\"><summary>\(text(t.name))</summary><ul>"
        for e in t.evidence { h += "<li>\(text(e.summary))</li>" }
        if t.evidence.isEmpty { h += "<li class=\"muted\">no quoted evidence</li>" }
        if !t.severityRaisedBy.isEmpty { h += "<li>severity raised by: \(text(t.severityRaisedBy.joined(separator: ", ")))</li>" }
        for s in t.signals { h += "<li>signal: \(text(s.id)) — \(text(s.display))</li>" }
        let a = t.annotations
        let hints = [("readOnlyHint", a.readOnlyHint), ("destructiveHint", a.destructiveHint),
                     ("idempotentHint", a.idempotentHint), ("openWorldHint", a.openWorldHint)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }
        if !hints.isEmpty { h += "<li>declared annotations: \(hints.joined(separator: ", "))</li>" }
        h += "</ul>"
        if !t.actions.isEmpty {
            h += "<div class=\"muted\">actions (parameter \(text(t.actions[0].parameter))):</div><ul>"
            for action in t.actions {
                h += "<li><code>\(text(action.value))</code> <span class=\"chip cat-\(action.category.rawValue)\">\(action.category.rawValue)</span> "
                    + "<span class=\"chip sev-\(action.severity.rawValue)\">\(action.severity.rawValue)</span></li>"
            }
            h += "</ul>"
        }
        h += "</details>"
        if t.severity > .low, let top = t.evidence.first {
            h += "<div class=\"why\">“\(text(top.quote))” → \(top.category.rawValue): \(text(top.reason))</div>"
        }
        return h
    }

    /// An accepted (or expired) item's marker: the word in a chip, the reviewer and reason after it.
    private func acceptanceNote(_ a: Acceptance?) -> String {
        guard let a else { return "" }
        return "<div class=\"accepted\"><span class=\"chip\">\(a.expired ? "acceptance expired" : "accepted")</span> \(text(a.summary))</div>"
    }

    private func finding(_ f: Finding, acceptance: Acceptance?) -> String {
        let place = f.location.kind.rawValue + (f.location.name.map { " " + $0 } ?? "")
        return "<div class=\"finding f-\(f.severity.rawValue)\">\(acceptanceNote(acceptance))<span class=\"chip sev-\(f.severity.rawValue)\">\(f.severity.rawValue)</span> "
            + "<span class=\"rule\">\(text(f.ruleId))</span> <span class=\"where\">\(text(place)) · \(text(f.location.pointer.description)) · "
            + "\(f.confidence.rawValue) confidence</span><div>\(text(f.message))</div><q>\(text(f.quote))</q></div>\n"
    }

    private func text(_ s: String) -> String { HTMLEscaper.text(s, limit: 1_000) }
}
