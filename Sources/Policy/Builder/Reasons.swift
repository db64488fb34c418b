import Risk

/// The wording of rules and denial messages. Messages name the evidence so the person reading a
/// denial (or the policy) sees why, not just that.
enum Reasons {
    /// Longest piece of server-supplied text quoted in a message.
    static let maxQuote = 160

    /// Why a tool of its category is denied or hidden: the category and the strongest evidence.
    static func category(_ tool: ToolAssessment) -> String {
        "\(article(tool.category)) \(tool.category.rawValue) tool (\(evidence(tool.evidence, category: tool.category))). Requires human approval."
    }

    /// Why a tool whose severity a finding raised is denied or hidden.
    static func finding(_ tool: ToolAssessment, findings: [Finding]) -> String {
        let ids = tool.severityRaisedBy.joined(separator: ", ")
        let first = findings.first {
            $0.location.kind == .tool && $0.location.name == tool.name && tool.severityRaisedBy.contains($0.ruleId)
        }
        let detail = first.map { ": \(clip($0.message))" } ?? ""
        return "Its definition raised a finding (\(ids))\(detail). Requires human review."
    }

    /// Why some actions of a multi-action tool are denied, each with its category and evidence.
    static func actions(_ tool: ToolAssessment, denied: [ActionAssessment]) -> String {
        guard !denied.isEmpty else { return category(tool) }
        let parts = denied.map { a in "\(clip(a.value)) is \(a.category.rawValue) (\(evidence(a.evidence, category: a.category)))" }
        return "Denied actions: " + parts.joined(separator: "; ") + ". They require human approval."
    }

    /// The strongest evidence as one line, or the bare classification when there is none.
    static func evidence(_ evidence: [Evidence], category: Category) -> String {
        let best = evidence.first { $0.category == category } ?? evidence.first
        guard let best else { return "classified \(category.rawValue), no quoted evidence" }
        return "evidence: \"\(clip(best.quote))\" at \(best.pointer): \(clip(best.reason))"
    }

    /// A rate-limit rule.
    static func rateLimit(max: Int, window: PolicyWindow, category: Category) -> PolicyRule {
        PolicyRule(name: "\(category.rawValue) rate limit", kind: .rateLimit(max: max, window: window),
                   onDeny: "Rate limit of \(max) calls per \(window.rawValue) for \(category.rawValue) tools reached. Try again later.")
    }

    /// The rule holding the conditions derived from the input schema.
    static func argumentRule(_ conditions: [PolicyCondition]) -> PolicyRule {
        PolicyRule(name: "argument constraints", kind: .require(conditions),
                   onDeny: "Arguments are missing or outside what the tool's input schema declares.")
    }

    /// `s` cut to `maxQuote` characters.
    static func clip(_ s: String) -> String { s.count > maxQuote ? String(s.prefix(maxQuote)) + "…" : s }

    private static func article(_ c: Category) -> String { c == .execute ? "An" : "A" }
}
