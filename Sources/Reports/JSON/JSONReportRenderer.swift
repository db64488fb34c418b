import Risk
import TextOutput

/// The JSON report (`schemaVersion: 1`, docs/report-format.md and docs/report.schema.json), pretty-printed with members in a fixed order.
/// Fields beyond the contract: top-level `complete`, `verdict`, `exitStatus`, `failOn`, `summary`;
/// per server `label`, `source`, `instructions`, `counts`, `anomalies`, `policy`; per tool `pointer`,
/// `evidenceDetails`, `severityRaisedBy`, `annotations`; per signal `detail`; per finding `quote`; per tool
/// and finding `fingerprint` and `accepted` (reason, reviewer, expires, expired) when reviewed; top-level
/// `review` (accepted count and notes) when an accept file, baseline or filter was used.
/// C1 controls and invisible or direction-changing characters in strings are written as `\uXXXX`,
/// so the JSON stays lossless yet is safe to print to a terminal.
public struct JSONReportRenderer: StreamingRenderer {
    /// Servers are elements of the top-level `servers` array: two containers deep.
    static let serverDepth = 2

    /// A renderer.
    public init() {}

    /// The report as JSON text, ending in a newline.
    public func render(_ report: Report) -> String { renderInMemory(report) }

    public func parts(_ server: ServerReport, index: Int) -> ServerParts {
        // Room for a typical tool's entry, so the buffer seldom grows (and copies) while it is written.
        var out = JSONOutput(indent: 2, escapingInvisible: true, depth: Self.serverDepth, capacity: 4_096 + 2_048 * server.assessment.tools.count)
        write(server, &out)
        return ServerParts(channels: [out.buffer])
    }

    public func assembler(makeSpool: () throws -> any Spool) throws -> any ReportAssembler {
        let separator = JSONOutput.elementSeparator(first: false, depth: Self.serverDepth, indent: 2)
        return try ConcatenatingAssembler(separators: [separator], makeSpool: makeSpool) { totals, generator, spools, sink in
            var head = JSONOutput(indent: 2, escapingInvisible: true)
            head.beginObject()
            head.member("schemaVersion", 1)
            head.field("generator")
            head.beginObject()
            head.member("name", generator.name)
            head.member("version", generator.version)
            head.endObject()
            head.member("complete", totals.isComplete)
            head.member("verdict", totals.verdict)
            head.member("exitStatus", Int(totals.exitStatus))
            head.member("failOn", totals.failOn?.rawValue)
            if !totals.reviewNotes.isEmpty || totals.accepted > 0 {
                head.field("review")
                head.beginObject()
                head.member("accepted", totals.accepted)
                head.field("notes")
                head.beginArray()
                for note in totals.reviewNotes { head.string(note) }
                head.endArray()
                head.endObject()
            }
            head.field("servers")
            head.beforeValue()
            if spools.parts[0] == 0 {
                head.buffer.append("[]")
                try sink.write(head.buffer)
            } else {
                head.buffer.append("[")
                head.buffer.append(bytes: JSONOutput.elementSeparator(first: true, depth: Self.serverDepth, indent: 2))
                try sink.write(head.buffer)
                try spools.copy(0, to: sink)
                try sink.write(JSONOutput.closingBreak(depth: Self.serverDepth - 1, indent: 2) + [UInt8(ascii: "]")])
            }
            var tail = JSONOutput(indent: 2, escapingInvisible: true, depth: 1)
            tail.field("summary")
            tail.beginObject()
            tail.member("servers", totals.servers)
            Self.counts("byStatus", totals.serversByStatus.map { ($0.0.rawValue, $0.1) }, &tail)
            tail.member("tools", totals.tools)
            Self.counts("byCategory", totals.toolsByCategory.map { ($0.0.rawValue, $0.1) }, &tail)
            Self.counts("bySeverity", totals.toolsBySeverity.map { ($0.0.rawValue, $0.1) }, &tail)
            tail.member("findings", totals.findings)
            Self.counts("findingsBySeverity", totals.findingsBySeverity.map { ($0.0.rawValue, $0.1) }, &tail)
            tail.endObject()
            tail.buffer.append("\n}\n")
            try sink.write(tail.buffer)
        }
    }

    private func write(_ s: ServerReport, _ o: inout JSONOutput) {
        o.beginObject()
        o.member("target", s.target)
        if let label = s.label { o.member("label", label) }
        o.member("name", s.name)
        o.member("version", s.version)
        o.member("protocolVersion", s.protocolVersion)
        o.member("status", s.status.rawValue)
        if let failure = s.effectiveFailure {
            o.field("error")
            o.beginObject()
            o.member("kind", failure.kind)
            o.member("message", failure.message)
            o.endObject()
        }
        if let source = s.source {
            o.field("source")
            o.beginObject()
            o.member("path", source.path)
            o.field("line")
            if let line = source.line { o.int(line) } else { o.null() }
            o.endObject()
        }
        o.member("instructions", s.instructions)
        o.field("counts")
        o.beginObject()
        o.member("tools", s.assessment.tools.count)
        o.member("prompts", s.promptCount)
        o.member("resources", s.resourceCount)
        o.member("resourceTemplates", s.resourceTemplateCount)
        o.endObject()
        o.field("anomalies")
        o.beginArray()
        for anomaly in s.anomalies { o.string(anomaly) }
        o.endArray()
        o.field("tools")
        o.beginArray()
        for (i, t) in s.assessment.tools.enumerated() { tool(t, fingerprint: s.toolFingerprint(i), acceptance: s.toolAcceptance(i), &o) }
        o.endArray()
        o.field("findings")
        o.beginArray()
        for (i, f) in s.assessment.findings.enumerated() { finding(f, fingerprint: s.findingFingerprint(i), acceptance: s.findingAcceptance(i), &o) }
        o.endArray()
        o.field("summary")
        o.beginObject()
        o.member("tools", s.assessment.tools.count)
        Self.counts("byCategory", s.toolsByCategory.map { ($0.0.rawValue, $0.1) }, &o)
        Self.counts("bySeverity", s.toolsBySeverity.map { ($0.0.rawValue, $0.1) }, &o)
        o.member("findings", s.assessment.findings.count)
        Self.counts("findingsBySeverity", s.findingsBySeverity.map { ($0.0.rawValue, $0.1) }, &o)
        o.endObject()
        if let policy = s.policy {
            o.field("policy")
            o.beginObject()
            o.member("format", policy.format)
            o.member("text", policy.text)
            o.endObject()
        }
        o.endObject()
    }

    private func tool(_ t: ToolAssessment, fingerprint: String?, acceptance: Acceptance?, _ o: inout JSONOutput) {
        o.beginObject()
        o.member("name", t.name)
        o.field("pointer")
        o.string { ReportText.pointer(t.pointer, to: &$0) }
        o.member("category", t.category.rawValue)
        o.member("severity", t.severity.rawValue)
        o.member("confidence", t.confidence.rawValue)
        o.field("evidence")
        o.beginArray()
        for e in t.evidence { o.string { ReportText.summary(e, to: &$0) } }
        o.endArray()
        o.field("evidenceDetails")
        o.beginArray()
        for e in t.evidence {
            o.beginObject()
            o.member("ruleId", e.ruleId)
            o.member("category", e.category.rawValue)
            o.member("weight", e.weight)
            o.member("quote", e.quote)
            o.field("pointer")
            o.string { ReportText.pointer(e.pointer, to: &$0) }
            o.member("reason", e.reason)
            o.endObject()
        }
        o.endArray()
        o.field("actions")
        o.beginArray()
        for a in t.actions {
            o.beginObject()
            o.member("value", a.value)
            o.member("parameter", a.parameter)
            o.member("category", a.category.rawValue)
            o.member("severity", a.severity.rawValue)
            o.field("evidence")
            o.beginArray()
            for e in a.evidence { o.string { ReportText.summary(e, to: &$0) } }
            o.endArray()
            o.endObject()
        }
        o.endArray()
        o.field("signals")
        o.beginArray()
        for s in t.signals {
            o.beginObject()
            o.member("id", s.id)
            o.member("title", s.title)
            o.member("path", s.path)
            o.member("detail", s.detail)
            o.endObject()
        }
        o.endArray()
        o.field("severityRaisedBy")
        o.beginArray()
        for id in t.severityRaisedBy { o.string(id) }
        o.endArray()
        o.field("annotations")
        o.beginObject()
        let a = t.annotations
        if let v = a.readOnlyHint { o.member("readOnlyHint", v) }
        if let v = a.destructiveHint { o.member("destructiveHint", v) }
        if let v = a.idempotentHint { o.member("idempotentHint", v) }
        if let v = a.openWorldHint { o.member("openWorldHint", v) }
        if let v = a.title { o.member("title", v) }
        o.endObject()
        reviewed(fingerprint: fingerprint, acceptance: acceptance, &o)
        o.endObject()
    }

    private func finding(_ f: Finding, fingerprint: String?, acceptance: Acceptance?, _ o: inout JSONOutput) {
        o.beginObject()
        o.member("ruleId", f.ruleId)
        o.member("severity", f.severity.rawValue)
        o.member("confidence", f.confidence.rawValue)
        o.member("message", f.message)
        o.member("quote", f.quote)
        o.field("location")
        o.beginObject()
        o.member("kind", f.location.kind.rawValue)
        o.member("name", f.location.name)
        o.field("pointer")
        o.string { ReportText.pointer(f.location.pointer, to: &$0) }
        o.endObject()
        reviewed(fingerprint: fingerprint, acceptance: acceptance, &o)
        o.endObject()
    }

    /// A tool's or finding's fingerprint and acceptance, when the report carries them.
    private func reviewed(fingerprint: String?, acceptance: Acceptance?, _ o: inout JSONOutput) {
        if let fingerprint { o.member("fingerprint", fingerprint) }
        guard let a = acceptance else { return }
        o.field("accepted")
        o.beginObject()
        o.member("reason", a.reason)
        o.member("reviewer", a.reviewer)
        o.member("expires", a.expires)
        o.member("expired", a.expired)
        o.endObject()
    }

    private static func counts(_ key: StaticString, _ pairs: [(String, Int)], _ o: inout JSONOutput) {
        o.field(key)
        o.beginObject()
        for (name, n) in pairs { o.key(name); o.int(n) }
        o.endObject()
    }
}
