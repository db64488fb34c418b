import JSON

/// A rule that looks at one tool at a time. The assessor reads each tool once (`AnalyzedTool`) and hands
/// the same reading to every such rule; `check` is derived for callers that hold a whole server.
public protocol ToolRule: Rule {
    /// The hits in one pre-read tool.
    func hits(in tool: AnalyzedTool) -> [RuleHit]
}

extension ToolRule {
    /// The hits in every valid tool of `server`.
    public func check(_ server: ReviewedServer) -> [RuleHit] {
        AnalyzedTool.all(in: server).flatMap { hits(in: $0) }
    }
}

extension RuleHit {
    /// Capability evidence toward `category`.
    static func evidence(_ category: Category, weight: Int, at pointer: JSONPointer, quote: String, reason: String) -> RuleHit {
        RuleHit(pointer: pointer, quote: EvidenceQuote.make(quote), message: reason, effect: .capability(category, weight: weight))
    }
}

/// Evidence quotes: white space runs (line breaks included) become one space before `Quote.cut`.
enum EvidenceQuote {
    /// `text` with runs of white space made one space, cut to a readable length.
    static func make(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in text.prefix(Quote.maxLength * 4) {
            if c.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(c)
        }
        return Quote.cut(out)
    }
}
