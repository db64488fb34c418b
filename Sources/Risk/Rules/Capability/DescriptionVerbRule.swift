import JSON

/// The verb that opens a tool's description ("Deletes a user", "Retrieve the logs", "Use this to run...").
struct DescriptionVerbRule: CapabilityRule {
    static let id = "description-verb"
    /// How many words into the first sentence the main verb is looked for.
    static let searchWindow = 10
    /// Words that come before the main verb without meaning anything ("This tool lets you ...").
    static let fillers: WordSet = [
        "this", "tool", "tools", "function", "endpoint", "method", "use", "used", "uses", "using", "allows", "allow",
        "lets", "let", "helps", "enables", "can", "will", "to", "you", "the", "a", "an", "that", "which", "it", "for",
        "mcp", "api", "we", "i", "please", "simply", "quickly", "directly", "also", "just", "easily", "is", "be",
        "user", "users", "agent", "llm", "model", "ai", "assistant", "when", "should", "must", "may", "in", "on",
        "with", "of", "your", "our", "and", "or", "provides", "provide", "ability", "capability", "call",
        "utility", "operation", "action", "command", "server", "service", "here", "now", "tries", "try", "attempts",
        "perform", "performs", "do", "does",
    ]
    /// Words that undo a verb within the next three words ("does not modify", "never deletes").
    static let negations: WordSet = [
        "not", "never", "no", "without", "cannot", "nor", "neither", "avoid", "avoids", "prevent", "prevents", "instead", "rather",
    ]
    /// Words that say the tool explains rather than acts.
    static let adviceWords: WordSet = ["how", "instructions", "guidance", "guide", "documentation", "docs", "tips", "advice", "recommendations", "help", "information", "explanation", "overview", "best"]
    /// Words that link verbs into one list ("Create, update or delete").
    static let links: WordSet = ["and", "or", "then", "and/or", "plus", "also", "as", "well"]
    /// Verbs that only say "do the operation named next".
    static let runVerbs: Set<String> = ["execute", "run", "perform", "invoke", "call", "trigger"]
    /// Nouns after such a verb that name an operation rather than code.
    static let operationNouns: WordSet = ["operation", "api", "action", "endpoint", "method", "request"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Verb opening the description", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "The main verb of a description's first sentence (Deletes, Creates, Runs, Retrieves) argues for the tool's category.",
            rationale: """
            The first sentence of a description says what the tool does; its main verb weighs most. Filler before it
            ("This tool lets you", "Use this to") is skipped, inflections are undone (`Deletes`, `deleting`), verbs
            linked to it by `and`/`or` count alike ("Create, update or delete records"), and a negated verb
            ("does not modify") counts for nothing. The same verb lexicon as the name is used.
            """,
            examples: [
                .evidence(#"{"name": "x", "description": "Permanently deletes a user account."}"#, at: "/description", .destructive),
                .evidence(#"{"name": "x", "description": "This tool lets you create or delete a branch."}"#, at: "/description", .destructive),
                .evidence(#"{"name": "x", "description": "Provides guidance on how to deploy an app."}"#, at: "/description", .read),
                .evidence(#"{"name": "tax_f29", "description": "Listar declaraciones F29. status: draft|submitted|confirmed."}"#, at: "/description", .read),
                .evidence(#"{"name": "fiche", "description": "Affiche la fiche complète d'une pharmacie : coordonnées, score, actions."}"#, at: "/description", .read),
                .evidence(#"{"name": "x", "description": "Löscht den Benutzer und alle seine Daten."}"#, at: "/description", .destructive),
                .passes(#"{"name": "x", "description": "Does not modify anything."}"#),
                .passes(#"{"name": "x"}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        let prose = tool.prose
        let first = prose.firstSentence
        guard !first.isEmpty else { return [] }
        let lexicon = VerbLexicon.verbs
        var index = first.lowerBound
        let limit = min(first.upperBound, prose.wordPosition(first.lowerBound, plus: Self.searchWindow))
        var lead: (Int, Lexicon.Match)?
        while index < limit {
            // A negation undoes the next words ("does not modify").
            if prose.word(index, in: Self.negations) { index = prose.wordPosition(index, plus: 3); continue }
            if prose.word(index, in: Self.fillers) { index += 1; continue }
            // "Provides instructions on how to deploy": the verbs that follow are the topic, not the act.
            if prose.word(index, in: Self.adviceWords) {
                return [EvidenceHit(.read, .advice, at: tool.descriptionPointer, quote: prose.quote(first.lowerBound, index),
                                    reason: "the description offers '\(prose.text(index))' rather than acting")]
            }
            // "RECOMMENDED for…", "Deprecated:": a participle opening a description is an adjective.
            if let m = lexicon.lookup(prose, index) {
                let w = prose.text(index)
                if m.base == w || !w.hasSuffix("ed") { lead = (index, m); break }
            }
            // Adverbs ("Permanently deletes") and labels ("Jira: create") may come before the verb; nouns may not.
            let verbFollows = index == first.lowerBound && index + 1 < first.upperBound && lexicon.lookup(prose, index + 1) != nil
            guard prose.text(index).hasSuffix("ly") || prose.isFollowed(index, by: 0x3A) || prose.isFollowed(index, by: 0x5D) || verbFollows else { break }
            index += 1
        }
        guard let (leadIndex, leadMatch) = lead else { return [] }
        // The name's words after its own verb (`k8s_create` gives none: `k8s` names the server, not an object).
        let nameObjects = tool.nameReading.leading.map { Array(tool.nameHashes.dropFirst($0.position + 1)) } ?? []
        let following = prose.words[(leadIndex + 1)..<min(first.upperBound, leadIndex + 8)].map(\.hash)
        let leadEntry = VerbObjects.entry(for: leadMatch.base, leadMatch.entry, nameObjects: nameObjects, nearby: following, server: tool.serverVocabulary)
        if let named = namedOperation(tool, leadBase: leadMatch.base, in: first) { return [named] }
        if leadEntry.category == .execute {
            let object = (leadIndex + 1)..<min(first.upperBound, leadIndex + 6)
            if !prose.contains(NameVerbRule.codeObjects, in: object), let noun = prose.first(in: NameVerbRule.lookupObjects, from: object.lowerBound, to: object.upperBound) {
                return [EvidenceHit(.read, .lookupRunInProse, at: tool.descriptionPointer, quote: prose.quote(leadIndex),
                                    reason: "'\(prose.text(leadIndex))' runs a \(prose.text(noun)), a lookup rather than code (the schema decides for SQL)")]
            }
        }
        var hits = [hit(tool, leadIndex, leadEntry, reason: "'\(prose.text(leadIndex))' opens the description: \(leadEntry.reason)")]
        // Verbs chained to the leading one by links: every one of them is something the tool does.
        var j = leadIndex + 1
        var chain: [(Int, Lexicon.Match)] = []
        var linked = false
        while j < first.upperBound {
            if prose.word(j, in: Self.links) { linked = true; j += 1; continue }
            guard let m = lexicon.lookup(prose, j) else { break }
            chain.append((j, m)); j += 1
        }
        if linked {
            // "Create, update or delete": the tool does each; the most dangerous of them leads.
            func entry(_ m: Lexicon.Match) -> LexiconEntry {
                VerbObjects.entry(for: m.base, m.entry, nameObjects: nameObjects, nearby: following, server: tool.serverVocabulary)
            }
            let all = [(leadIndex, leadEntry)] + chain.map { ($0.0, entry($0.1)) }
            let worst = all.max { a, b in (a.1.category.rank, b.0) < (b.1.category.rank, a.0) }!
            if worst.0 != leadIndex {
                hits[0] = EvidenceHit(leadEntry.category, .otherVerb, at: tool.descriptionPointer, quote: prose.quote(leadIndex),
                                      reason: "'\(prose.text(leadIndex))' opens a list of verbs; the most dangerous one leads")
            }
            for (i, m) in chain {
                let e = entry(m)
                let reason = "'\(prose.text(i))' is listed with the opening verb: \(e.reason)"
                guard i == worst.0 else {
                    hits.append(EvidenceHit(e.category, .otherVerb, at: tool.descriptionPointer, quote: prose.quote(i), reason: reason))
                    continue
                }
                hits.append(hit(tool, i, e, reason: reason))
            }
        }
        return hits
    }

    /// "Execute the AWS SNS `delete_topic` operation": the named operation, not `execute`, is what the tool does.
    private func namedOperation(_ tool: ToolContext, leadBase: String, in first: Range<Int>) -> EvidenceHit? {
        guard Self.runVerbs.contains(leadBase) else { return nil }
        let prose = tool.prose
        guard prose.contains(Self.operationNouns, in: first), !prose.contains(NameVerbRule.codeObjects, in: first) else { return nil }
        for i in first where prose.isIdentifierLike(i) {
            let original = prose.quote(i)
            guard let verb = VerbReading(TokenizedText(original, mode: .identifier)).leading else { continue }
            return EvidenceHit(verb.entry.category, Weight(value: verb.entry.strength.scale(Weight.openingVerb.value)), at: tool.descriptionPointer, quote: original,
                               reason: "the description runs the named operation '\(original)': \(verb.entry.reason)")
        }
        return nil
    }

    private func hit(_ tool: ToolContext, _ i: Int, _ entry: LexiconEntry, reason: String) -> EvidenceHit {
        EvidenceHit(entry.category, Weight(value: entry.strength.scale(Weight.openingVerb.value)), at: tool.descriptionPointer, quote: tool.prose.quote(i), reason: reason)
    }
}
