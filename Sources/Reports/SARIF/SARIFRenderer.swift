import JSON
import Risk

/// SARIF 2.1.0 for GitHub code scanning: every rule in `tool.driver.rules`, one result per finding
/// and one `category-*` result per execute, destructive or financial tool; incomplete scans are
/// reported as an unsuccessful invocation with an error notification per server.
public struct SARIFRenderer: Sendable {
    /// GitHub's limit on results per run.
    public static let maxResultsPerRun = 25_000
    /// GitHub's limit on locations per result (we emit one).
    public static let maxLocationsPerResult = 1_000
    /// GitHub's limit on rules per run.
    public static let maxRulesPerRun = 25_000
    /// GitHub's limit on tags per rule.
    public static let maxTagsPerRule = 20
    /// The longest message text kept, so 25,000 results stay far below GitHub's 10 MB gzip upload limit.
    public static let maxMessageCharacters = 1_000

    /// The rule descriptions listed in `tool.driver.rules`.
    public var rules: [RuleDescription]
    /// The largest document written, in bytes. GitHub limits uploads to 10 MB gzipped; a document
    /// no larger than that uncompressed stays within it whatever its content.
    public static let maxDocumentBytes = 10_000_000

    /// Results beyond this are left out (most severe kept) with a warning notification.
    public var resultLimit: Int
    /// Bytes the document may take; past it the layout turns compact, then the least severe results go.
    public var byteBudget: Int

    /// A renderer listing `rules`; the limits default to GitHub's (25,000 results, 10 MB).
    public init(rules: [RuleDescription], resultLimit: Int = SARIFRenderer.maxResultsPerRun,
                byteBudget: Int = SARIFRenderer.maxDocumentBytes) {
        self.rules = rules; self.resultLimit = min(resultLimit, SARIFRenderer.maxResultsPerRun)
        self.byteBudget = min(byteBudget, SARIFRenderer.maxDocumentBytes)
    }

    /// The SARIF log as JSON text ending in a newline: pretty when it fits the byte budget, else
    /// compact, else compact with the least severe results left out (and a notification saying so).
    public func render(_ report: Report) -> String {
        let candidates = report.servers.reduce(0) { sum, server in
            sum + server.assessment.findings.count
                + server.assessment.tools.filter { SARIFRuleCatalog.dangerousCategories.contains($0.category) }.count
        }
        var keep = min(resultLimit, candidates)
        while true {
            let doc = document(report, keeping: keep)
            let pretty = JSONReportRenderer.escapeInvisible(JSONWriter.pretty.string(doc)) + "\n"
            if pretty.utf8.count <= byteBudget { return pretty }
            let compact = JSONReportRenderer.escapeInvisible(JSONWriter.compact.string(doc)) + "\n"
            if compact.utf8.count <= byteBudget || keep == 0 { return compact }
            keep = max(0, min(keep - 1, Int(Double(keep) * Double(byteBudget) / Double(compact.utf8.count) * 0.9)))
        }
    }

    /// The SARIF log as a JSON value (at most `resultLimit` results; the byte budget is `render`'s job).
    public func document(_ report: Report) -> JSONValue { document(report, keeping: resultLimit) }

    private func document(_ report: Report, keeping limit: Int) -> JSONValue {
        var catalog = SARIFRuleCatalog(given: rules)
        var candidates: [(severity: Severity, result: JSONValue)] = []
        for server in report.servers {
            for (i, f) in server.assessment.findings.enumerated() {
                let index = catalog.index(of: f.ruleId, severity: f.severity, confidence: f.confidence)
                candidates.append((f.severity, suppressed(findingResult(f, server: server, ruleIndex: index), server.findingAcceptance(i))))
            }
            for (i, t) in server.assessment.tools.enumerated() where SARIFRuleCatalog.dangerousCategories.contains(t.category) {
                let id = SARIFRuleCatalog.ruleID(t.category)
                let index = catalog.index(of: id, severity: t.severity, confidence: t.confidence)
                candidates.append((t.severity, suppressed(categoryResult(t, server: server, ruleId: id, ruleIndex: index), server.toolAcceptance(i))))
            }
        }
        var notifications: [JSONValue] = []
        for server in report.servers {
            guard let failure = server.effectiveFailure else { continue }
            let text = "Server \(quoted(server.displayName)) (\(visible(server.target))) was not read completely "
                + "(\(server.status.rawValue)): \(visible(failure.kind)): \(visible(failure.message))"
            notifications.append([
                "level": "error",
                "message": ["text": .string(SARIFRenderer.plainMessage(clip(text)))],
                "descriptor": ["id": "incomplete-scan"],
                "properties": ["server": .string(server.displayName), "status": .string(server.status.rawValue),
                               "kind": .string(failure.kind)],
            ])
        }
        for note in report.reviewNotes {
            notifications.append(["level": "note", "message": ["text": .string(SARIFRenderer.plainMessage(clip(visible(note))))],
                                  "descriptor": ["id": "review"]])
        }
        var results = candidates
        if results.count > limit {
            // Stable sort keeps report order within a severity; the most severe results survive.
            results = results.enumerated().sorted { a, b in
                a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
            }.map(\.element)
            results = Array(results.prefix(limit))
            notifications.append([
                "level": "warning",
                "message": ["text": .string("\(candidates.count - limit) of \(candidates.count) results were left out to stay "
                    + "within GitHub code scanning's limits (\(SARIFRenderer.maxResultsPerRun) results per run, 10 MB per upload); "
                    + "the most severe were kept.")],
                "descriptor": ["id": "results-truncated"],
            ])
        }
        let totals = ReportTotals(report)
        var invocation = JSONObject()
        invocation["executionSuccessful"] = .bool(report.isComplete)
        invocation["exitCode"] = .int(Int(report.exitStatus))
        invocation["toolExecutionNotifications"] = .array(notifications)
        invocation["properties"] = ["completeness": .string(totals.completenessLine), "verdict": .string(totals.verdict)]
        var driver = JSONObject()
        driver["name"] = .string(report.generator.name)
        driver["version"] = .string(report.generator.version)
        driver["rules"] = .array(catalog.descriptions.prefix(SARIFRenderer.maxRulesPerRun).map(SARIFRuleCatalog.descriptor))
        var run = JSONObject()
        run["tool"] = ["driver": .object(driver)]
        run["invocations"] = [.object(invocation)]
        run["results"] = .array(results.map(\.result))
        run["properties"] = ["complete": .bool(report.isComplete), "failOn": report.failOn.map { .string($0.rawValue) } ?? .null]
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [.object(run)],
        ]
    }

    private func findingResult(_ f: Finding, server: ServerReport, ruleIndex: Int) -> JSONValue {
        let place = f.location.kind.rawValue + (f.location.name.map { " " + quoted($0) } ?? "")
        let text = "\(visible(f.message)) — \(place) on server \(quoted(server.displayName)) at \(visible(f.location.pointer.description)); "
            + "quote: \(quoted(f.quote))"
        let fingerprint = SHA256.hex([f.ruleId, server.displayName, f.location.pointer.description, f.quote].joined(separator: "\u{0}"))
        return result(ruleId: f.ruleId, ruleIndex: ruleIndex, severity: f.severity, text: text, fingerprint: fingerprint,
                      location: location(server: server, kind: f.location.kind, name: f.location.name),
                      properties: ["severity": .string(f.severity.rawValue), "confidence": .string(f.confidence.rawValue),
                                   "pointer": .string(clip(f.location.pointer.description)), "quote": .string(clip(f.quote))])
    }

    private func categoryResult(_ t: ToolAssessment, server: ServerReport, ruleId: String, ruleIndex: Int) -> JSONValue {
        var text = "Tool \(quoted(t.name)) on server \(quoted(server.displayName)) is \(t.category.rawValue) "
            + "(severity \(t.severity.rawValue), \(t.confidence.rawValue) confidence)"
        if let top = t.evidence.first { text += ": \(visible(top.summary))" }
        let risky = t.actions.filter { SARIFRuleCatalog.dangerousCategories.contains($0.category) }
        if !risky.isEmpty {
            text += "; actions: " + risky.map { "\(quoted($0.value)) → \($0.category.rawValue)" }.joined(separator: ", ")
        }
        let fingerprint = SHA256.hex([ruleId, server.displayName, "tool", t.name].joined(separator: "\u{0}"))
        return result(ruleId: ruleId, ruleIndex: ruleIndex, severity: t.severity, text: text, fingerprint: fingerprint,
                      location: location(server: server, kind: .tool, name: t.name),
                      properties: ["category": .string(t.category.rawValue), "severity": .string(t.severity.rawValue),
                                   "confidence": .string(t.confidence.rawValue), "pointer": .string(t.pointer.description)])
    }

    private func result(ruleId: String, ruleIndex: Int, severity: Severity, text: String, fingerprint: String,
                        location: JSONValue, properties: JSONValue) -> JSONValue {
        var o = JSONObject()
        o["ruleId"] = .string(ruleId)
        o["ruleIndex"] = .int(ruleIndex)
        o["level"] = .string(SARIFRuleCatalog.level(severity))
        o["message"] = ["text": .string(SARIFRenderer.plainMessage(clip(text)))]
        o["partialFingerprints"] = ["mcpriskResult/v1": .string(fingerprint)]
        o["locations"] = [location]
        var props = properties.objectValue ?? JSONObject()
        props["security-severity"] = .string(SARIFRuleCatalog.securitySeverity(severity))
        o["properties"] = .object(props)
        return .object(o)
    }

    /// An accepted result carries an external, accepted suppression (SARIF 2.1.0 §3.34), which GitHub
    /// code scanning shows as dismissed; an expired acceptance suppresses nothing and is noted.
    private func suppressed(_ result: JSONValue, _ acceptance: Acceptance?) -> JSONValue {
        guard let acceptance, var o = result.objectValue else { return result }
        if acceptance.expired {
            var props = o["properties"]?.objectValue ?? JSONObject()
            props["acceptance"] = .string(clip(visible(acceptance.summary)))
            o["properties"] = .object(props)
        } else {
            o["suppressions"] = [["kind": "external", "status": "accepted",
                                  "justification": .string(clip(visible(acceptance.reason + " (" + acceptance.reviewer
                                                                        + (acceptance.expires.map { ", until " + $0 } ?? "") + ")")))]]
        }
        return .object(o)
    }

    private func location(server: ServerReport, kind: Location.Kind, name: String?) -> JSONValue {
        var logical: [JSONValue] = []
        if let name, kind != .server {
            logical.append(["name": .string(clip(name)), "fullyQualifiedName": .string(clip(server.displayName) + "/" + clip(name)),
                            "kind": .string(logicalKind(kind))])
        }
        logical.append(["name": .string(clip(server.displayName)), "fullyQualifiedName": .string(clip(server.displayName)), "kind": "module"])
        // GitHub rejects a whole upload when any result lacks a physical location, so a server that
        // did not come from a config file gets a stable stand-in path named after it.
        var physical = JSONObject()
        if let source = server.source {
            physical["artifactLocation"] = ["uri": .string(SARIFRenderer.uri(source.path))]
            if let line = source.line, line >= 1 { physical["region"] = ["startLine": .int(line)] }
        } else {
            physical["artifactLocation"] = ["uri": .string(SARIFRenderer.standInURI(server.displayName))]
            physical["region"] = ["startLine": 1]
        }
        var o = JSONObject()
        o["physicalLocation"] = .object(physical)
        o["logicalLocations"] = .array(logical)
        return .object(o)
    }

    private func logicalKind(_ kind: Location.Kind) -> String {
        switch kind {
        case .tool: "function"
        case .prompt: "object"
        case .resource: "resource"
        case .server: "module"
        }
    }

    /// A file path as a URI reference: relative paths stay relative (GitHub resolves them against the
    /// repository root), absolute ones become `file://` URIs; everything but unreserved characters
    /// and `/` is percent-encoded.
    static func uri(_ path: String) -> String {
        let slashed = path.replacingAll("\\", with: "/")
        var out = ""
        for byte in slashed.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/".contains(c) { out.append(c) } else {
                out += "%" + VisibleText.hex(UInt32(byte), minimumDigits: 2)
            }
        }
        return slashed.hasPrefix("/") ? "file://" + out : out
    }

    /// Message text with `[` and `]` backslash-escaped: in SARIF plain-text messages an unescaped
    /// `[text](n)` is an embedded link (SARIF 2.1.0 §3.11.6), which server text must not create.
    static func plainMessage(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "[" || c == "]" { out += "\\" }
            out.append(c)
        }
        return out
    }

    /// `mcp-server/NAME` with everything but ASCII letters, digits, `-` and `_` percent-encoded, so
    /// no server name can climb out of the folder or change the path's shape.
    static func standInURI(_ serverName: String) -> String {
        var out = "mcp-server/"
        for byte in String(serverName.prefix(200)).utf8 {
            let keep = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2D || byte == 0x5F
            out += keep ? String(UnicodeScalar(byte)) : "%" + VisibleText.hex(UInt32(byte), minimumDigits: 2)
        }
        return out
    }

    private func visible(_ s: String) -> String { VisibleText.make(s, lines: .single, limit: 500) }
    private func quoted(_ s: String) -> String { "'" + visible(s) + "'" }
    private func clip(_ s: String) -> String {
        s.count <= SARIFRenderer.maxMessageCharacters ? s : String(s.prefix(SARIFRenderer.maxMessageCharacters - 1)) + "…"
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
