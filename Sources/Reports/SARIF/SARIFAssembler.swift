import JSON
import Risk
import TextOutput

/// The in-order stage of a SARIF log: gives each result its rule index as the rules are met, keeps
/// results and notifications in spools, and at the end chooses what fits GitHub's limits — every
/// result pretty-printed, else compact, else the most severe that fit — exactly as a log built in
/// memory would, from the lengths alone, then copies what was chosen.
final class SARIFAssembler: ReportAssembler {
    /// A spooled element: where it is, its lengths in both layouts, and its severity.
    struct Element {
        var offset: Int
        var length: Int
        var compactLength: Int
        var severity: Severity
    }

    private let renderer: SARIFRenderer
    private var catalog: SARIFRuleCatalog
    private let resultSpool: any Spool
    private let notificationSpool: any Spool
    private var results: [Element] = []
    private var notifications: [Element] = []

    init(renderer: SARIFRenderer, results: any Spool, notifications: any Spool) {
        self.renderer = renderer
        catalog = SARIFRuleCatalog(given: renderer.rules)
        resultSpool = results
        notificationSpool = notifications
    }

    func add(_ parts: ServerParts) throws {
        let bytes = parts.channels[0].bytes
        for mark in parts.results {
            let index = catalog.index(of: mark.ruleId, severity: mark.severity, confidence: mark.confidence)
            var digits = TextBuffer()
            digits.append(decimal: index)
            let offset = resultSpool.count
            try bytes.withUnsafeBytes { all in
                try resultSpool.append(UnsafeRawBufferPointer(rebasing: all[mark.range.lowerBound..<mark.ruleIndexAt]))
                try resultSpool.append(digits.bytes)
                try resultSpool.append(UnsafeRawBufferPointer(rebasing: all[mark.ruleIndexAt..<mark.range.upperBound]))
            }
            let compact = Minifier.count(bytes[mark.range]) + digits.count
            results.append(Element(offset: offset, length: resultSpool.count - offset, compactLength: compact, severity: mark.severity))
        }
        let notification = parts.channels[1].bytes
        if !notification.isEmpty {
            let offset = notificationSpool.count
            try notificationSpool.append(notification)
            notifications.append(Element(offset: offset, length: notification.count, compactLength: Minifier.count(notification[...]),
                                         severity: .high))
        }
    }

    func finish(_ totals: ReportTotals, generator: Report.Generator, to sink: any ByteSink) throws {
        // Most severe first, report order within a severity: the results kept when some must go.
        let bySeverity = results.indices.sorted { a, b in
            results[a].severity != results[b].severity ? results[a].severity > results[b].severity : a < b
        }
        var keep = min(renderer.resultLimit, results.count)
        while true {
            let pretty = try emit(keep, bySeverity: bySeverity, compact: false, totals, generator, to: nil)
            if pretty <= renderer.byteBudget {
                _ = try emit(keep, bySeverity: bySeverity, compact: false, totals, generator, to: sink)
                return
            }
            let compact = try emit(keep, bySeverity: bySeverity, compact: true, totals, generator, to: nil)
            if compact <= renderer.byteBudget || keep == 0 {
                _ = try emit(keep, bySeverity: bySeverity, compact: true, totals, generator, to: sink)
                return
            }
            keep = max(0, min(keep - 1, Int(Double(keep) * Double(renderer.byteBudget) / Double(compact) * 0.9)))
        }
    }

    /// Writes the log keeping `keep` results to `sink`, or only counts its bytes when `sink` is nil;
    /// returns the byte count.
    private func emit(_ keep: Int, bySeverity: [Int], compact: Bool, _ totals: ReportTotals, _ generator: Report.Generator,
                      to sink: (any ByteSink)?) throws -> Int {
        let indent: Int? = compact ? nil : 2
        let truncated = keep < results.count
        var written = 0
        var o = JSONOutput(indent: indent, escapingInvisible: true, capacity: 64 << 10)
        func flush() throws {
            written += o.buffer.count
            if let sink { try sink.write(o.buffer) }
            o.buffer.removeAll()
        }
        func elements(_ list: [Element], _ order: some Sequence<Int>, from spool: any Spool, depth: Int, afterwards: Bool) throws {
            var first = true
            for i in order {
                let e = list[i]
                o.buffer.append(bytes: JSONOutput.elementSeparator(first: first, depth: depth, indent: indent))
                first = false
                try flush()
                written += compact ? e.compactLength : e.length
                guard let sink else { continue }
                let range = e.offset..<(e.offset + e.length)
                if compact { try spool.copy(range, to: Minifier(sink)) } else { try spool.copy(range, to: sink) }
            }
            if !first && !afterwards { o.buffer.append(bytes: JSONOutput.closingBreak(depth: depth - 1, indent: indent)) }
        }

        o.beginObject()
        o.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        o.member("version", "2.1.0")
        o.field("runs")
        o.beginArray()
        o.beginObject()
        o.field("tool")
        o.beginObject()
        o.field("driver")
        o.beginObject()
        o.member("name", generator.name)
        o.member("version", generator.version)
        o.field("rules")
        o.beginArray()
        let writer = JSONWriter(indent: indent, escapingInvisible: true)
        for rule in catalog.descriptions.prefix(SARIFRenderer.maxRulesPerRun) { writer.write(SARIFRuleCatalog.descriptor(rule), into: &o) }
        o.endArray()
        o.endObject()
        o.endObject()
        o.field("invocations")
        o.beginArray()
        o.beginObject()
        o.member("executionSuccessful", totals.isComplete)
        o.member("exitCode", Int(totals.exitStatus))
        o.field("toolExecutionNotifications")
        o.beforeValue()
        // Review notes follow the servers' notifications, the truncation warning comes last.
        var more: [TextBuffer] = []
        for note in totals.reviewNotes {
            var n = JSONOutput(indent: indent, escapingInvisible: true, depth: SARIFRenderer.notificationDepth)
            n.beginObject()
            n.member("level", "note")
            n.field("message")
            n.beginObject()
            n.member("text", SARIFRenderer.plainMessage(renderer.clip(renderer.visible(note))))
            n.endObject()
            n.field("descriptor")
            n.beginObject()
            n.member("id", "review")
            n.endObject()
            n.endObject()
            more.append(n.buffer)
        }
        if notifications.isEmpty && more.isEmpty && !truncated {
            o.buffer.append("[]")
        } else {
            o.buffer.append("[")
            try elements(notifications, notifications.indices, from: notificationSpool, depth: SARIFRenderer.notificationDepth,
                         afterwards: truncated || !more.isEmpty)
            for (k, n) in more.enumerated() {
                o.buffer.append(bytes: JSONOutput.elementSeparator(first: notifications.isEmpty && k == 0, depth: SARIFRenderer.notificationDepth, indent: indent))
                o.buffer.append(n)
            }
            if !more.isEmpty && !truncated { o.buffer.append(bytes: JSONOutput.closingBreak(depth: SARIFRenderer.notificationDepth - 1, indent: indent)) }
            if truncated {
                var note = JSONOutput(indent: indent, escapingInvisible: true, depth: SARIFRenderer.notificationDepth)
                note.beginObject()
                note.member("level", "warning")
                note.field("message")
                note.beginObject()
                note.member("text", "\(results.count - keep) of \(results.count) results were left out to stay "
                    + "within GitHub code scanning's limits (\(SARIFRenderer.maxResultsPerRun) results per run, 10 MB per upload); "
                    + "the most severe were kept.")
                note.endObject()
                note.field("descriptor")
                note.beginObject()
                note.member("id", "results-truncated")
                note.endObject()
                note.endObject()
                o.buffer.append(bytes: JSONOutput.elementSeparator(first: notifications.isEmpty && more.isEmpty, depth: SARIFRenderer.notificationDepth, indent: indent))
                o.buffer.append(note.buffer)
                o.buffer.append(bytes: JSONOutput.closingBreak(depth: SARIFRenderer.notificationDepth - 1, indent: indent))
            }
            o.buffer.append("]")
        }
        o.field("properties")
        o.beginObject()
        o.member("completeness", totals.completenessLine)
        o.member("verdict", totals.verdict)
        o.endObject()
        o.endObject()
        o.endArray()
        o.field("results")
        o.beforeValue()
        if keep == 0 {
            o.buffer.append("[]")
        } else {
            o.buffer.append("[")
            let order: [Int] = truncated ? Array(bySeverity.prefix(keep)) : Array(results.indices)
            try elements(results, order, from: resultSpool, depth: SARIFRenderer.resultDepth, afterwards: false)
            o.buffer.append("]")
        }
        o.field("properties")
        o.beginObject()
        o.member("complete", totals.isComplete)
        o.member("failOn", totals.failOn?.rawValue)
        o.endObject()
        o.endObject()
        o.endArray()
        o.endObject()
        o.buffer.append("\n")
        try flush()
        return written
    }
}

/// Pretty JSON made compact on its way to a sink: outside strings, the line breaks and spaces our
/// pretty layout adds are dropped (inside strings a line break is always escaped).
final class Minifier: ByteSink {
    private let sink: any ByteSink
    private var inString = false, escaped = false

    init(_ sink: any ByteSink) { self.sink = sink }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes where Self.keep(b, inString: &inString, escaped: &escaped) { out.append(b) }
        try sink.write(out)
    }

    /// The length of `bytes` (one JSON value in our pretty layout) once compact.
    static func count(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { p in
            var inString = false, escaped = false, dropped = 0
            for b in p {
                if inString {
                    if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                } else if b == 0x22 {
                    inString = true
                } else if b == 0x0A || b == 0x20 {
                    dropped += 1
                }
            }
            return p.count - dropped
        }
    }

    private static func keep(_ b: UInt8, inString: inout Bool, escaped: inout Bool) -> Bool {
        if inString {
            if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            return true
        }
        if b == 0x22 { inString = true; return true }
        return b != 0x0A && b != 0x20
    }
}
