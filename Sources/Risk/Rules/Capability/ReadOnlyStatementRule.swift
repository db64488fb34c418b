import JSON

/// A description that says the tool changes nothing ("read-only", "does not modify", "without making changes").
struct ReadOnlyStatementRule: ToolRule {
    static let id = "read-only-statement"

    static let phrases: [(String, (Int, String))] = [
        ("read only", (60, "says it is read-only")),
        ("readonly", (60, "says it is read-only")),
        ("does not modify", (55, "says it does not modify anything")),
        ("doesn't modify", (55, "says it does not modify anything")),
        ("will not modify", (55, "says it does not modify anything")),
        ("never modifies", (55, "says it does not modify anything")),
        ("without modifying", (55, "says it works without modifying anything")),
        ("without making * changes", (55, "says it makes no changes")),
        ("without changing", (50, "says it changes nothing")),
        ("does not change", (50, "says it changes nothing")),
        ("no side effects", (55, "says it has no side effects")),
        ("non destructive", (45, "says it is non-destructive")),
        ("nondestructive", (45, "says it is non-destructive")),
        ("only select", (55, "allows only SELECT")),
        ("select queries only", (55, "allows only SELECT")),
        ("select statements only", (55, "allows only SELECT")),
        ("only select statements", (55, "allows only SELECT")),
        ("only select queries", (55, "allows only SELECT")),
        ("dry run", (40, "says it is a dry run")),
        ("without executing", (50, "says it shows what would happen without doing it")),
        ("without running", (50, "says it shows what would happen without doing it")),
        ("what it would do", (50, "says it shows what would happen without doing it")),
        ("what would change", (45, "says it shows what would change")),
        ("safe to call", (40, "says it is safe to call")),
    ]
    static let matcher = PhraseMatcher(phrases)
    /// Words before a statement that make it a negation or a condition.
    static let conditions: Set<String> = ["not", "isn't", "never", "if", "when", "unless", "whether", "in"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Description says the tool changes nothing", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "\"read-only\", \"does not modify\", \"without making changes\", \"only SELECT\" in a description argue for read.",
            rationale: """
            A tool that states it changes nothing is read evidence, and the same words keep the verbs they negate from
            counting as write evidence (see `description-verb`). A statement is a claim, not proof: a clear verb or
            parameter that runs arbitrary code still wins, and `annotation-contradiction` reports the conflict.
            """,
            examples: [
                .triggers(#"{"name": "x", "description": "Run a read-only SQL query."}"#, at: "/description"),
                .triggers(#"{"name": "x", "description": "Shows what would change without making any changes."}"#, at: "/description"),
                .passes(#"{"name": "x", "description": "This is not read-only: it writes."}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        let texts = tool.proseTexts
        for m in Self.matcher.matches(in: texts) {
            // "not read-only", "if read-only": a negation or a condition; "(read-only)" tags one item of a list.
            let negated = (max(0, m.from - 2)..<m.from).contains { Self.conditions.contains(texts[$0]) }
            let start = tool.prose.words[m.from].start
            let tagsListItem = start > 0 && tool.prose.scalars[start - 1] == "("
            // "Disabled in readonly mode" names a server setting, not what this tool does.
            let aMode = m.to + 1 < texts.count && texts[m.to + 1] == "mode"
            guard !negated, !aMode, !tagsListItem else { continue }
            let (weight, reason) = m.payload
            return [.evidence(.read, weight: weight, at: tool.descriptionPointer, quote: tool.prose.quote(m.from, m.to), reason: "the description \(reason)")]
        }
        return []
    }
}
