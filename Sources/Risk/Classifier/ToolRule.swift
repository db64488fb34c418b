import JSON

/// A rule that looks at one tool at a time. The assessor reads each tool once (`AnalyzedTool`) and hands
/// the same reading to every such rule; `check` is derived for callers that hold a whole server.
public protocol ToolRule: Rule {
    /// The hits in one pre-read tool.
    func hits(in tool: AnalyzedTool) -> [RuleHit]
}

extension ToolRule {
    /// The hits in every valid tool of `server`.
    public func check(_ server: ServerDefinitions) -> [RuleHit] {
        AnalyzedTool.all(in: server).flatMap { hits(in: $0) }
    }
}

extension RuleHit {
    /// Capability evidence toward `category`.
    static func evidence(_ category: Category, weight: Int, at pointer: JSONPointer, quote: String, reason: String) -> RuleHit {
        RuleHit(pointer: pointer, quote: Quote.cut(quote), message: reason, effect: .capability(category, weight: weight))
    }
}
