@testable import Risk

extension FindingRule {
    /// The findings in `server`, indexed first.
    func check(_ server: ReviewedServer) -> [FindingHit] { findings(in: ServerIndex(server)) }
}

extension SignalRule {
    /// The signals of every tool of `server`.
    func check(_ server: ReviewedServer) -> [SignalHit] { ToolContext.all(in: server).flatMap { signals(in: $0) } }
}

/// The finding rules of a list, typed.
func findingRules(_ rules: [any Rule]) -> [any FindingRule] { rules.compactMap { $0 as? any FindingRule } }
