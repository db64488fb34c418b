import JSON

/// A description that says a removal can be reversed: "Delete (archive) a client", "moves it to the trash".
struct ReversibleStatementRule: CapabilityRule {
    static let id = "reversible-statement"

    static let phrases = PhraseList<String>(.reversibleStatements, [
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
    ])

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
                .evidence(#"{"name": "delete_client", "description": "Delete (archive) a client. Removes from active lists but preserves history."}"#, at: "/description", .write),
                .passes(#"{"name": "delete_file", "description": "Deletes the file. It cannot be restored."}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        // Only a removal can be reversible; elsewhere "archive" is a noun (a build archive, a zip).
        guard let lead = tool.nameReading.leading, lead.entry.category == .destructive else { return [] }
        let prose = tool.prose
        for m in prose.hits(Self.phrases) where m.to < prose.proseEnd {
            let negated = prose.contains(DescriptionVerbRule.negations, in: max(0, m.from - 3)..<m.from)
            guard !negated else { continue }
            return [EvidenceHit(.write, .reversibleRemoval, at: tool.descriptionPointer, quote: prose.quote(m.from, m.to), reason: "the description says \(Self.phrases.payloads[m.pattern])")]
        }
        return []
    }
}
