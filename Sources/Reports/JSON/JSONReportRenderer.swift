import JSON
import Risk

/// The JSON report (`schemaVersion: 1`, docs/report-format.md and docs/report.schema.json), pretty-printed with members in a fixed order.
/// Fields beyond the contract: top-level `complete`, `verdict`, `exitStatus`, `failOn`, `summary`;
/// per server `label`, `source`, `instructions`, `counts`, `anomalies`, `policy`; per tool `pointer`,
/// `evidenceDetails`, `severityRaisedBy`, `annotations`; per signal `detail`; per finding `quote`; per tool
/// and finding `fingerprint` and `accepted` (reason, reviewer, expires, expired) when reviewed; top-level
/// `review` (accepted count and notes) when an accept file, baseline or filter was used.
public struct JSONReportRenderer: Sendable {
    /// A renderer.
    public init() {}

    /// The report as JSON text, ending in a newline.
    public func render(_ report: Report) -> String {
        let text = JSONWriter.pretty.string(document(report))
        return JSONReportRenderer.escapeInvisible(text) + "\n"
    }

    /// The report as a JSON value.
    public func document(_ report: Report) -> JSONValue {
        let totals = ReportTotals(report)
        var o = JSONObject()
        o["schemaVersion"] = 1
        o["generator"] = ["name": .string(report.generator.name), "version": .string(report.generator.version)]
        o["complete"] = .bool(report.isComplete)
        o["verdict"] = .string(totals.verdict)
        o["exitStatus"] = .int(Int(report.exitStatus))
        o["failOn"] = report.failOn.map { .string($0.rawValue) } ?? .null
        if !report.reviewNotes.isEmpty || totals.accepted > 0 {
            o["review"] = ["accepted": .int(totals.accepted), "notes": .array(report.reviewNotes.map { .string($0) })]
        }
        o["servers"] = .array(report.servers.map(server))
        var summary = JSONObject()
        summary["servers"] = .int(totals.servers)
        summary["byStatus"] = counts(totals.serversByStatus.map { ($0.0.rawValue, $0.1) })
        summary["tools"] = .int(totals.tools)
        summary["byCategory"] = counts(totals.toolsByCategory.map { ($0.0.rawValue, $0.1) })
        summary["bySeverity"] = counts(totals.toolsBySeverity.map { ($0.0.rawValue, $0.1) })
        summary["findings"] = .int(totals.findings)
        summary["findingsBySeverity"] = counts(totals.findingsBySeverity.map { ($0.0.rawValue, $0.1) })
        o["summary"] = .object(summary)
        return .object(o)
    }

    private func server(_ s: ServerReport) -> JSONValue {
        var o = JSONObject()
        o["target"] = .string(s.target)
        if let label = s.label { o["label"] = .string(label) }
        o["name"] = optional(s.name)
        o["version"] = optional(s.version)
        o["protocolVersion"] = optional(s.protocolVersion)
        o["status"] = .string(s.status.rawValue)
        if let failure = s.effectiveFailure {
            o["error"] = ["kind": .string(failure.kind), "message": .string(failure.message)]
        }
        if let source = s.source {
            o["source"] = ["path": .string(source.path), "line": source.line.map { .int($0) } ?? .null]
        }
        o["instructions"] = optional(s.instructions)
        o["counts"] = [
            "tools": .int(s.assessment.tools.count), "prompts": .int(s.promptCount),
            "resources": .int(s.resourceCount), "resourceTemplates": .int(s.resourceTemplateCount),
        ]
        o["anomalies"] = .array(s.anomalies.map { .string($0) })
        o["tools"] = .array(s.assessment.tools.enumerated().map { i, t in
            reviewed(tool(t), fingerprint: s.toolFingerprint(i), acceptance: s.toolAcceptance(i))
        })
        o["findings"] = .array(s.assessment.findings.enumerated().map { i, f in
            reviewed(finding(f), fingerprint: s.findingFingerprint(i), acceptance: s.findingAcceptance(i))
        })
        var summary = JSONObject()
        summary["tools"] = .int(s.assessment.tools.count)
        summary["byCategory"] = counts(s.toolsByCategory.map { ($0.0.rawValue, $0.1) })
        summary["bySeverity"] = counts(s.toolsBySeverity.map { ($0.0.rawValue, $0.1) })
        summary["findings"] = .int(s.assessment.findings.count)
        summary["findingsBySeverity"] = counts(s.findingsBySeverity.map { ($0.0.rawValue, $0.1) })
        o["summary"] = .object(summary)
        if let policy = s.policy {
            o["policy"] = ["format": .string(policy.format), "text": .string(policy.text)]
        }
        return .object(o)
    }

    private func tool(_ t: ToolAssessment) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(t.name)
        o["pointer"] = .string(t.pointer.description)
        o["category"] = .string(t.category.rawValue)
        o["severity"] = .string(t.severity.rawValue)
        o["confidence"] = .string(t.confidence.rawValue)
        o["evidence"] = .array(t.evidence.map { .string($0.summary) })
        o["evidenceDetails"] = .array(t.evidence.map(evidence))
        o["actions"] = .array(t.actions.map { a in
            [
                "value": .string(a.value), "parameter": .string(a.parameter), "category": .string(a.category.rawValue),
                "severity": .string(a.severity.rawValue), "evidence": .array(a.evidence.map { .string($0.summary) }),
            ]
        })
        o["signals"] = .array(t.signals.map { s in
            ["id": .string(s.id), "title": .string(s.title), "path": optional(s.path), "detail": optional(s.detail)]
        })
        o["severityRaisedBy"] = .array(t.severityRaisedBy.map { .string($0) })
        o["annotations"] = annotations(t.annotations)
        return .object(o)
    }

    private func evidence(_ e: Evidence) -> JSONValue {
        [
            "ruleId": .string(e.ruleId), "category": .string(e.category.rawValue), "weight": .int(e.weight),
            "quote": .string(e.quote), "pointer": .string(e.pointer.description), "reason": .string(e.reason),
        ]
    }

    private func annotations(_ a: DeclaredAnnotations) -> JSONValue {
        var o = JSONObject()
        if let v = a.readOnlyHint { o["readOnlyHint"] = .bool(v) }
        if let v = a.destructiveHint { o["destructiveHint"] = .bool(v) }
        if let v = a.idempotentHint { o["idempotentHint"] = .bool(v) }
        if let v = a.openWorldHint { o["openWorldHint"] = .bool(v) }
        if let v = a.title { o["title"] = .string(v) }
        return .object(o)
    }

    private func finding(_ f: Finding) -> JSONValue {
        [
            "ruleId": .string(f.ruleId), "severity": .string(f.severity.rawValue),
            "confidence": .string(f.confidence.rawValue), "message": .string(f.message), "quote": .string(f.quote),
            "location": [
                "kind": .string(f.location.kind.rawValue), "name": optional(f.location.name),
                "pointer": .string(f.location.pointer.description),
            ],
        ]
    }

    private func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// A tool or finding with its fingerprint and acceptance, when the report carries them.
    private func reviewed(_ item: JSONValue, fingerprint: String?, acceptance: Acceptance?) -> JSONValue {
        guard var o = item.objectValue else { return item }
        if let fingerprint { o["fingerprint"] = .string(fingerprint) }
        if let a = acceptance {
            o["accepted"] = ["reason": .string(a.reason), "reviewer": .string(a.reviewer), "expires": optional(a.expires),
                             "expired": .bool(a.expired)]
        }
        return .object(o)
    }

    private func counts(_ pairs: [(String, Int)]) -> JSONValue { .object(JSONObject(pairs.map { ($0.0, .int($0.1)) })) }

    /// Rewrites C1 controls and invisible or direction-changing characters as `\uXXXX` escapes, so
    /// the JSON stays lossless yet is safe to print to a terminal. They can only occur inside strings
    /// (everything structural is ASCII), where a `\u` escape means the same character.
    static func escapeInvisible(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        var previous: Unicode.Scalar?
        for u in json.unicodeScalars {
            if u != "\n" && (VisibleText.isControl(u) || VisibleText.isInvisible(u, after: previous)) {
                for unit in String(u).utf16 { out += "\\u" + VisibleText.hex(UInt32(unit), minimumDigits: 4).lowercased() }
            } else {
                out.unicodeScalars.append(u)
            }
            previous = u
        }
        return out
    }
}
