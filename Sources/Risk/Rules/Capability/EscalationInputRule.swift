import JSON

/// Boolean switches that widen a change into loss: `force`, `recursive`, `all`, `cascade`, `hard`.
struct EscalationInputRule: CapabilityRule {
    static let id = "escalation-input"
    /// Switch names and why each widens the blast radius.
    static let switches: [String: String] = [
        "force": "skips safety checks", "recursive": "reaches everything below", "cascade": "takes dependants with it",
        "all": "applies to everything", "hard": "discards work", "purge": "removes for good", "overwrite": "replaces what exists",
        "prune": "removes what is not listed", "permanent": "cannot be undone", "permanently": "cannot be undone",
    ]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Switch that widens a change", family: "capability", kind: .capability, severity: .low, confidence: .low,
            summary: "Boolean inputs such as `force`, `recursive`, `cascade` or `all` push a tool toward destructive.",
            rationale: """
            A tool that can `force` or act `recursive`ly can lose more than it was asked to. Such switches are weak
            destructive evidence: enough to tip a tool whose other evidence is thin, never enough to outweigh a
            clear verb (`git_checkout` with `force` stays a write).
            """,
            examples: [
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"force": {"type": "boolean"}}}}"#, at: "/inputSchema/properties/force", .destructive),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"force": {"type": "string"}}}}"#),
            ])
    }

    private static let byHash = WordMap(switches.map { ($0.key, $0.value) })

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        for p in tool.properties where p.type == "boolean" && p.depth <= 1 {
            guard let word = p.words.first(where: { Self.byHash[$0] != nil }), p.words.count <= 2, let why = Self.byHash[word] else { continue }
            return [EvidenceHit(.destructive, .escalationSwitch, at: p.pointer, quote: p.name, reason: "switch '\(p.path)' \(why)")]
        }
        return []
    }
}
