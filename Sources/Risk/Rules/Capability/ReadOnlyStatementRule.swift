import JSON

/// A description that says the tool changes nothing ("read-only", "does not modify", "without making changes").
struct ReadOnlyStatementRule: CapabilityRule {
    static let id = "read-only-statement"

    static let phrases = PhraseList<(Weight, String)>(.readOnlyStatements, [
        ("read only", (.phraseNames, "says it is read-only")),
        ("readonly", (.phraseNames, "says it is read-only")),
        ("does not modify", (.phraseStatesPlainly, "says it does not modify anything")),
        ("will not modify", (.phraseStatesPlainly, "says it does not modify anything")),
        ("never modifies", (.phraseStatesPlainly, "says it does not modify anything")),
        ("without modifying", (.phraseStatesPlainly, "says it works without modifying anything")),
        ("without making ~2 changes", (.phraseStatesPlainly, "says it makes no changes")),
        ("without changing", (.phraseStates, "says it changes nothing")),
        ("does not change", (.phraseStates, "says it changes nothing")),
        ("no side effects", (.phraseStatesPlainly, "says it has no side effects")),
        ("non destructive", (.phraseSuggests, "says it is non-destructive")),
        ("nondestructive", (.phraseSuggests, "says it is non-destructive")),
        ("only select", (.phraseStatesPlainly, "allows only SELECT")),
        ("select queries only", (.phraseStatesPlainly, "allows only SELECT")),
        ("select statements only", (.phraseStatesPlainly, "allows only SELECT")),
        ("only select statements", (.phraseStatesPlainly, "allows only SELECT")),
        ("only select queries", (.phraseStatesPlainly, "allows only SELECT")),
        ("dry run", (.phraseHints, "says it is a dry run")),
        ("without executing", (.phraseStates, "says it shows what would happen without doing it")),
        ("without running", (.phraseStates, "says it shows what would happen without doing it")),
        ("what it would do", (.phraseStates, "says it shows what would happen without doing it")),
        ("what would change", (.phraseSuggests, "says it shows what would change")),
        ("safe to call", (.phraseHints, "says it is safe to call")),
    ])
    /// Words before a statement that make it a negation or a condition.
    static let conditions: WordSet = ["not", "non", "never", "if", "when", "unless", "whether", "in"]

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
                .evidence(#"{"name": "x", "description": "Run a read-only SQL query."}"#, at: "/description", .read),
                .evidence(#"{"name": "x", "description": "Shows what would change without making any changes."}"#, at: "/description", .read),
                .passes(#"{"name": "x", "description": "Disabled in read-only mode; (read-only) items are skipped."}"#),
                .passes(#"{"name": "x", "description": "This is not read-only: it writes."}"#),
                .passes(#"{"name": "x", "description": "Can perform actions on the website (non-read-only)."}"#),
                .passes(#"{"name": "x", "description": "Downloads a template. The read-only policy applies."}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        let prose = tool.prose
        // "(read-only)" in a description tags one item of a list it gives, not the tool.
        guard let m = Self.statements(in: prose).first(where: { prose.byte(before: $0.from) != 0x28 }) else { return [] }
        let (weight, reason) = Self.phrases.payloads[m.pattern]
        return [EvidenceHit(.read, weight, at: tool.descriptionPointer, quote: prose.quote(m.from, m.to), reason: "the description \(reason)")]
    }

    /// Words after a statement that make it name a setting or a policy of the server, not what this tool does.
    private static let settings: WordSet = ["mode", "policy", "policies", "setting", "flag", "option"]

    /// The statements of `prose` that say the tool changes nothing: not negated ("not read-only",
    /// "non-read-only"), not a condition ("if read-only"), not a setting ("in read-only mode", "read-only
    /// policy applies").
    static func statements(in prose: TokenizedText) -> [PhraseHit] {
        prose.hits(phrases).filter { m in
            guard m.to < prose.proseEnd else { return false }
            let negated = prose.contains(conditions, in: max(0, m.from - 2)..<m.from)
            let aSetting = m.to + 1 < prose.proseEnd && prose.word(m.to + 1, in: settings)
            return !negated && !aSetting
        }
    }

    /// True when any of `texts` says the tool changes nothing (for rules that check a claim, like `sql-input`).
    static func claimsReadOnly(_ texts: TokenizedText...) -> Bool {
        texts.contains { !statements(in: $0).isEmpty }
    }
}
