import Risk

/// The wording of rules and denial messages. Every message names the evidence, so the person reading
/// a denial (or the policy) sees why, not just that; a denial a reviewer may want to lift says how.
enum Reasons {
    /// Longest piece of server-supplied text quoted in a message.
    static let maxQuote = 160

    /// Why a tool of its category is denied or hidden: the category and the strongest evidence.
    static func category(_ tool: ToolAssessment) -> String {
        "\(article(tool.category)) \(tool.category.rawValue) tool (\(evidence(tool.evidence, category: tool.category))). Requires human approval."
    }

    /// Why the strict profile denies a write or execute tool, and what allows it.
    static func strict(_ tool: ToolAssessment) -> String {
        "\(article(tool.category)) \(tool.category.rawValue) tool (\(evidence(tool.evidence, category: tool.category))). "
            + "The strict profile allows reads only; to allow this tool, write its rules by hand or use the recommended profile."
    }

    /// Why the recommended profile denies an execute tool that takes something to run, and what allows it.
    static func runnable(_ tool: ToolAssessment, _ inputs: [RunnableInput], action: String? = nil) -> String {
        let subject = action.map { "Action \(clip($0)) of an execute tool" } ?? "An execute tool"
        let paths = inputs.prefix(3).map { "args.\($0.path)" }.joined(separator: ", ")
        return "\(subject) that takes \(RunnableInput.summary(inputs)): whoever writes that argument decides what runs. "
            + "Denied by the recommended profile. To allow it, add a rule that limits \(paths) to the values you expect "
            + "(an `in` list or an anchored `regex`) and replace this denial with a rate limit, or use the permissive profile."
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

    /// A rate-limit rule naming the category's evidence.
    static func rateLimit(max: Int, window: PolicyWindow, category: Category, evidence: [Evidence]) -> PolicyRule {
        PolicyRule(name: "\(category.rawValue) rate limit", kind: .rateLimit(max: max, window: window),
                   onDeny: "Rate limit of \(max) calls per \(window.rawValue) for \(category.rawValue) tools reached. Try again later. "
                       + "(\(article(category)) \(category.rawValue) tool, \(Self.evidence(evidence, category: category)).)")
    }

    /// The rule holding the conditions derived from the input schema, naming where the schema is.
    static func argumentRule(_ conditions: [PolicyCondition], tool: ToolAssessment) -> PolicyRule {
        PolicyRule(name: "argument constraints", kind: .require(conditions),
                   onDeny: "Arguments are missing or outside what the tool's input schema declares (\(tool.pointer)/inputSchema).")
    }

    /// `s` cut to `maxQuote` characters.
    static func clip(_ s: String) -> String { s.count > maxQuote ? String(s.prefix(maxQuote)) + "…" : s }

    private static func article(_ c: Category) -> String { c == .execute ? "An" : "A" }
}
