import JSON
import Risk
import TextOutput

/// SARIF 2.1.0 for GitHub code scanning: every rule in `tool.driver.rules`, one result per finding
/// and one `category-*` result per execute, destructive or financial tool; incomplete scans are
/// reported as an unsuccessful invocation with an error notification per server.
public struct SARIFRenderer: StreamingRenderer {
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

    /// Results are elements of `runs[0].results`: four containers deep; notifications six.
    static let resultDepth = 4, notificationDepth = 6

    /// A renderer listing `rules`; the limits default to GitHub's (25,000 results, 10 MB).
    public init(rules: [RuleDescription], resultLimit: Int = SARIFRenderer.maxResultsPerRun,
                byteBudget: Int = SARIFRenderer.maxDocumentBytes) {
        self.rules = rules; self.resultLimit = min(resultLimit, SARIFRenderer.maxResultsPerRun)
        self.byteBudget = min(byteBudget, SARIFRenderer.maxDocumentBytes)
    }

    /// The SARIF log as JSON text ending in a newline: pretty when it fits the byte budget, else
    /// compact, else compact with the least severe results left out (and a notification saying so).
    public func render(_ report: Report) -> String { renderInMemory(report) }

    /// A server's results (each with its severity, and a gap for its rule index, which depends on the
    /// rules met before it) and its notification when it was not read completely.
    public func parts(_ server: ServerReport, index: Int) -> ServerParts {
        var results = JSONOutput(indent: 2, escapingInvisible: true, depth: Self.resultDepth,
                                 capacity: 2_048 * (server.assessment.findings.count + server.assessment.tools.count / 2 + 1))
        var marks: [ResultMark] = []
        for (i, f) in server.assessment.findings.enumerated() {
            results.nextElementWithoutSeparator()
            let start = results.buffer.count
            let at = findingResult(f, server: server, acceptance: server.findingAcceptance(i), &results)
            marks.append(ResultMark(range: start..<results.buffer.count, severity: f.severity, ruleId: f.ruleId,
                                    confidence: f.confidence, ruleIndexAt: at))
        }
        for (i, t) in server.assessment.tools.enumerated() where SARIFRuleCatalog.dangerousCategories.contains(t.category) {
            let id = SARIFRuleCatalog.ruleID(t.category)
            results.nextElementWithoutSeparator()
            let start = results.buffer.count
            let at = categoryResult(t, server: server, ruleId: id, acceptance: server.toolAcceptance(i), &results)
            marks.append(ResultMark(range: start..<results.buffer.count, severity: t.severity, ruleId: id,
                                    confidence: t.confidence, ruleIndexAt: at))
        }
        var notification = JSONOutput(indent: 2, escapingInvisible: true, depth: Self.notificationDepth)
        if let failure = server.effectiveFailure {
            let text = "Server \(quoted(server.displayName)) (\(visible(server.target))) was not read completely "
                + "(\(server.status.rawValue)): \(visible(failure.kind)): \(visible(failure.message))"
            notification.beginObject()
            notification.member("level", "error")
            notification.field("message")
            notification.beginObject()
            notification.member("text", SARIFRenderer.plainMessage(clip(text)))
            notification.endObject()
            notification.field("descriptor")
            notification.beginObject()
            notification.member("id", "incomplete-scan")
            notification.endObject()
            notification.field("properties")
            notification.beginObject()
            notification.member("server", server.displayName)
            notification.member("status", server.status.rawValue)
            notification.member("kind", failure.kind)
            notification.endObject()
            notification.endObject()
        }
        var parts = ServerParts(channels: [results.buffer, notification.buffer])
        parts.results = marks
        return parts
    }

    public func assembler(makeSpool: () throws -> any Spool) throws -> any ReportAssembler {
        try SARIFAssembler(renderer: self, results: makeSpool(), notifications: makeSpool())
    }

    /// Writes a finding's result; returns where its rule index goes.
    private func findingResult(_ f: Finding, server: ServerReport, acceptance: Acceptance?, _ o: inout JSONOutput) -> Int {
        let place = f.location.kind.rawValue + (f.location.name.map { " " + quoted($0) } ?? "")
        let text = "\(visible(f.message)) — \(place) on server \(quoted(server.displayName)) at \(visible(f.location.pointer.description)); "
            + "quote: \(quoted(f.quote))"
        let pointer = f.location.pointer.description
        let fingerprint = SHA256.hex([f.ruleId, server.displayName, pointer, f.quote].joined(separator: "\u{0}"))
        let at = resultHead(ruleId: f.ruleId, severity: f.severity, text: text, fingerprint: fingerprint, &o)
        location(server: server, kind: f.location.kind, name: f.location.name, &o)
        o.field("properties")
        o.beginObject()
        o.member("severity", f.severity.rawValue)
        o.member("confidence", f.confidence.rawValue)
        o.member("pointer", clip(pointer))
        o.member("quote", clip(f.quote))
        o.member("security-severity", SARIFRuleCatalog.securitySeverity(f.severity))
        suppression(acceptance, &o)
        o.endObject()
        return at
    }

    /// Writes a dangerous tool's result; returns where its rule index goes.
    private func categoryResult(_ t: ToolAssessment, server: ServerReport, ruleId: String, acceptance: Acceptance?, _ o: inout JSONOutput) -> Int {
        var text = "Tool \(quoted(t.name)) on server \(quoted(server.displayName)) is \(t.category.rawValue) "
            + "(severity \(t.severity.rawValue), \(t.confidence.rawValue) confidence)"
        if let top = t.evidence.first { text += ": " + TerminalEscaper.line(limit: 500) { ReportText.summary(top, to: &$0) } }
        let risky = t.actions.filter { SARIFRuleCatalog.dangerousCategories.contains($0.category) }
        if !risky.isEmpty {
            text += "; actions: " + risky.map { "\(quoted($0.value)) → \($0.category.rawValue)" }.joined(separator: ", ")
        }
        let fingerprint = SHA256.hex([ruleId, server.displayName, "tool", t.name].joined(separator: "\u{0}"))
        let at = resultHead(ruleId: ruleId, severity: t.severity, text: text, fingerprint: fingerprint, &o)
        location(server: server, kind: .tool, name: t.name, &o)
        o.field("properties")
        o.beginObject()
        o.member("category", t.category.rawValue)
        o.member("severity", t.severity.rawValue)
        o.member("confidence", t.confidence.rawValue)
        o.member("pointer", t.pointer.description)
        o.member("security-severity", SARIFRuleCatalog.securitySeverity(t.severity))
        suppression(acceptance, &o)
        o.endObject()
        return at
    }

    /// Closes a result's properties, adding an accepted result's external, accepted suppression (SARIF
    /// 2.1.0 §3.34), which GitHub code scanning shows as dismissed; an expired acceptance suppresses
    /// nothing and is noted in the properties.
    private func suppression(_ acceptance: Acceptance?, _ o: inout JSONOutput) {
        guard let acceptance else { o.endObject(); return }
        if acceptance.expired {
            o.member("acceptance", clip(visible(acceptance.summary)))
            o.endObject()
            return
        }
        o.endObject()
        o.field("suppressions")
        o.beginArray()
        o.beginObject()
        o.member("kind", "external")
        o.member("status", "accepted")
        o.member("justification", clip(visible(acceptance.reason + " (" + acceptance.reviewer + (acceptance.expires.map { ", until " + $0 } ?? "") + ")")))
        o.endObject()
        o.endArray()
    }

    /// Opens a result and writes its first members, leaving the rule index's value out; returns where it goes.
    private func resultHead(ruleId: String, severity: Severity, text: String, fingerprint: String, _ o: inout JSONOutput) -> Int {
        o.beginObject()
        o.member("ruleId", ruleId)
        o.field("ruleIndex")
        o.beforeValue()
        let at = o.buffer.count
        o.member("level", SARIFRuleCatalog.level(severity))
        o.field("message")
        o.beginObject()
        o.member("text", SARIFRenderer.plainMessage(clip(text)))
        o.endObject()
        o.field("partialFingerprints")
        o.beginObject()
        o.member("mcpriskResult/v1", fingerprint)
        o.endObject()
        o.field("locations")
        o.beginArray()
        return at
    }

    /// Writes the one location of a result and closes `locations`.
    private func location(server: ServerReport, kind: Location.Kind, name: String?, _ o: inout JSONOutput) {
        o.beginObject()
        o.field("physicalLocation")
        o.beginObject()
        // GitHub rejects a whole upload when any result lacks a physical location, so a server that
        // did not come from a config file gets a stable stand-in path named after it.
        o.field("artifactLocation")
        o.beginObject()
        if let source = server.source {
            o.member("uri", SARIFRenderer.uri(source.path))
            o.endObject()
            if let line = source.line, line >= 1 {
                o.field("region")
                o.beginObject()
                o.member("startLine", line)
                o.endObject()
            }
        } else {
            o.member("uri", SARIFRenderer.standInURI(server.displayName))
            o.endObject()
            o.field("region")
            o.beginObject()
            o.member("startLine", 1)
            o.endObject()
        }
        o.endObject()
        o.field("logicalLocations")
        o.beginArray()
        let module = clip(server.displayName)
        if let name, kind != .server {
            o.beginObject()
            o.member("name", clip(name))
            o.member("fullyQualifiedName", module + "/" + clip(name))
            o.member("kind", logicalKind(kind))
            o.endObject()
        }
        o.beginObject()
        o.member("name", module)
        o.member("fullyQualifiedName", module)
        o.member("kind", "module")
        o.endObject()
        o.endArray()
        o.endObject()
        o.endArray()
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
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return s }
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

    func visible(_ s: String) -> String { VisibleText.make(s, lines: .single, limit: 500) }
    private func quoted(_ s: String) -> String { "'" + visible(s) + "'" }
    func clip(_ s: String) -> String {
        // A string of at most as many bytes as the limit has at most as many characters.
        if s.utf8.count <= SARIFRenderer.maxMessageCharacters { return s }
        return s.count <= SARIFRenderer.maxMessageCharacters ? s : String(s.prefix(SARIFRenderer.maxMessageCharacters - 1)) + "…"
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
