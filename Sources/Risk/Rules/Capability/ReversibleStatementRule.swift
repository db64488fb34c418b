import JSON

/// A description that says a removal can be reversed: "Delete (archive) a client", "moves it to the trash".
struct ReversibleStatementRule: ToolRule {
    static let id = "reversible-statement"

    static let phrases: [(String, String)] = [
        ("archive", "the removal archives rather than deletes"),
        ("archives", "the removal archives rather than deletes"),
        ("soft delete", "the deletion is soft"),
        ("soft deletes", "the deletion is soft"),
        ("soft deleted", "the deletion is soft"),
        ("can be restored", "what is removed can be restored"),
        ("can be recovered", "what is removed can be recovered"),
        ("to the trash", "things go to the trash"),
        ("to trash", "things go to the trash"),
        ("preserves history", "history is kept"),
        ("preserves the history", "history is kept"),
        ("can be undone", "the change can be undone"),
        ("is reversible", "the change is reversible"),
    ]
    static let matcher = PhraseMatcher(phrases)

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Description says a removal is reversible", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "\"archives\", \"soft delete\", \"can be restored\", \"moves to the trash\" make a removal a write rather than destructive.",
            rationale: """
            Destructive means gone. A tool named `delete_client` whose description says it archives the client,
            or moves a file to the trash, loses nothing: that is write evidence strong enough to outweigh the verb.
            Phrases after a negation (\"cannot be restored\") count for nothing.
            """,
            examples: [
                .triggers(#"{"name": "delete_client", "description": "Delete (archive) a client. Removes from active lists but preserves history."}"#, at: "/description"),
                .passes(#"{"name": "delete_file", "description": "Deletes the file. It cannot be restored."}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        // Only a removal can be reversible; elsewhere "archive" is a noun (a build archive, a zip).
        guard let lead = tool.nameReading.leading, lead.entry.category == .destructive else { return [] }
        let texts = tool.proseTexts
        for m in Self.matcher.matches(in: texts) {
            let negated = (max(0, m.from - 3)..<m.from).contains { DescriptionVerbRule.negations.contains(texts[$0]) || texts[$0] == "cannot" }
            guard !negated else { continue }
            return [.evidence(.write, weight: 75, at: tool.descriptionPointer, quote: tool.prose.quote(m.from, m.to), reason: "the description says \(m.payload)")]
        }
        return []
    }
}
