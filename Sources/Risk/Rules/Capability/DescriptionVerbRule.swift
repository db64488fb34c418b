import JSON

/// The verb that opens a tool's description ("Deletes a user", "Retrieve the logs", "Use this to run...").
struct DescriptionVerbRule: ToolRule {
    static let id = "description-verb"
    /// Weight of the first sentence's main verb.
    static let leadingWeight = 45
    /// How many words into the first sentence the main verb is looked for.
    static let searchWindow = 10
    /// Words that come before the main verb without meaning anything ("This tool lets you ...").
    static let fillers: Set<String> = [
        "this", "tool", "tools", "function", "endpoint", "method", "use", "used", "uses", "using", "allows", "allow",
        "lets", "let", "helps", "enables", "can", "will", "to", "you", "the", "a", "an", "that", "which", "it", "for",
        "mcp", "api", "we", "i", "please", "simply", "quickly", "directly", "also", "just", "easily", "is", "be",
        "user", "users", "agent", "llm", "model", "ai", "assistant", "when", "should", "must", "may", "in", "on",
        "with", "of", "your", "our", "and", "or", "provides", "provide", "ability", "capability", "call",
        "utility", "operation", "action", "command", "server", "service", "here", "now", "tries", "try", "attempts",
        "perform", "performs", "do", "does",
    ]
    /// Words that undo a verb within the next three words ("does not modify", "never deletes").
    static let negations: Set<String> = [
        "not", "never", "no", "without", "cannot", "can't", "doesn't", "don't", "won't", "isn't", "aren't", "nor",
        "neither", "avoid", "avoids", "prevent", "prevents", "instead", "rather",
    ]
    /// Words that say the tool explains rather than acts.
    static let adviceWords: Set<String> = ["how", "instructions", "guidance", "guide", "documentation", "docs", "tips", "advice", "recommendations", "help", "information", "explanation", "overview", "best"]
    /// Words that link verbs into one list ("Create, update or delete").
    static let links: Set<String> = ["and", "or", "then", "and/or", "plus", "also", "as", "well"]

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
                .triggers(#"{"name": "x", "description": "Permanently deletes a user account."}"#, at: "/description"),
                .triggers(#"{"name": "x", "description": "This tool lets you create or delete a branch."}"#, at: "/description"),
                .passes(#"{"name": "x", "description": "Does not modify anything."}"#),
                .passes(#"{"name": "x"}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        let words = tool.prose.words
        let first = tool.prose.firstSentence
        guard !first.isEmpty else { return [] }
        var index = first.lowerBound
        let limit = min(first.upperBound, first.lowerBound + Self.searchWindow)
        var lead: (Int, String, LexiconEntry)?
        while index < limit {
            let w = words[index].text
            if Self.negations.contains(w) { index += 3; continue }
            if Self.fillers.contains(w) { index += 1; continue }
            // "Provides instructions on how to deploy": the verbs that follow are the topic, not the act.
            if Self.adviceWords.contains(w) {
                return [.evidence(.read, weight: 45, at: tool.descriptionPointer, quote: tool.prose.quote(first.lowerBound, index),
                                  reason: "the description offers '\(w)' rather than acting")]
            }
            // "RECOMMENDED for…", "Deprecated:": a participle opening a description is an adjective.
            if let (base, entry) = VerbLexicon.verbs.lookup(w), base == w || !w.hasSuffix("ed") { lead = (index, base, entry); break }
            // Adverbs ("Permanently deletes") and labels ("Jira: create") may come before the verb; nouns may not.
            let verbFollows = index == first.lowerBound && index + 1 < first.upperBound && VerbLexicon.verbs.lookup(words[index + 1].text) != nil
            guard w.hasSuffix("ly") || tool.prose.isFollowed(index, by: ":") || tool.prose.isFollowed(index, by: "]") || verbFollows else { break }
            index += 1
        }
        guard let (leadIndex, leadBase, rawEntry) = lead else { return [] }
        // The name's words after its own verb (`k8s_create` gives none: `k8s` names the server, not an object).
        let nameObjects = tool.nameReading.leading.map { Array(tool.nameTokens.texts.dropFirst($0.position + 1)) } ?? []
        let following = words[(leadIndex + 1)..<min(first.upperBound, leadIndex + 8)].map(\.text)
        let leadEntry = VerbObjects.entry(for: leadBase, rawEntry, nameObjects: nameObjects, nearby: following, server: tool.serverVocabulary)
        if let named = namedOperation(tool, leadBase: leadBase, in: first) { return [named] }
        if leadEntry.category == .execute {
            let object = words[(leadIndex + 1)..<min(first.upperBound, leadIndex + 6)].map(\.text)
            if !object.contains(where: NameVerbRule.codeObjects.contains), let noun = object.first(where: NameVerbRule.lookupObjects.contains) {
                return [.evidence(.read, weight: 35, at: tool.descriptionPointer, quote: tool.prose.quote(leadIndex, leadIndex),
                                  reason: "'\(words[leadIndex].text)' runs a \(noun), a lookup rather than code (the schema decides for SQL)")]
            }
        }
        var hits = [hit(tool, leadIndex, leadBase, leadEntry, reason: "'\(words[leadIndex].text)' opens the description: \(leadEntry.reason)")]
        // Verbs chained to the leading one by links: every one of them is something the tool does.
        var j = leadIndex + 1
        var chain: [(Int, String, LexiconEntry)] = []
        var linked = false
        while j < first.upperBound {
            let w = words[j].text
            if Self.links.contains(w) { linked = true; j += 1; continue }
            guard let (base, entry) = VerbLexicon.verbs.lookup(w) else { break }
            chain.append((j, base, entry)); j += 1
        }
        if linked {
            // "Create, update or delete": the tool does each; the most dangerous of them leads.
            let all = [(leadIndex, leadEntry)] + chain.map { ($0.0, VerbObjects.entry(for: $0.1, $0.2, nameObjects: nameObjects, nearby: following, server: tool.serverVocabulary)) }
            let worst = all.max { a, b in (a.1.category.rank, b.0) < (b.1.category.rank, a.0) }!
            if worst.0 != leadIndex {
                hits[0] = .evidence(leadEntry.category, weight: NameVerbRule.secondaryWeight, at: tool.descriptionPointer, quote: tool.prose.quote(leadIndex, leadIndex),
                                    reason: "'\(words[leadIndex].text)' opens a list of verbs; the most dangerous one leads")
            }
            for (i, base, rawEntry) in chain {
                let entry = VerbObjects.entry(for: base, rawEntry, nameObjects: nameObjects, nearby: following, server: tool.serverVocabulary)
                guard i == worst.0 else {
                    hits.append(.evidence(entry.category, weight: NameVerbRule.secondaryWeight, at: tool.descriptionPointer, quote: tool.prose.quote(i, i),
                                          reason: "'\(words[i].text)' is listed with the opening verb: \(entry.reason)"))
                    continue
                }
                hits.append(hit(tool, i, base, entry, reason: "'\(words[i].text)' is listed with the opening verb: \(entry.reason)"))
            }
        }
        return hits
    }

    /// "Execute the AWS SNS `delete_topic` operation": the named operation, not `execute`, is what the tool does.
    private func namedOperation(_ tool: AnalyzedTool, leadBase: String, in first: Range<Int>) -> RuleHit? {
        guard Self.runVerbs.contains(leadBase) else { return nil }
        let words = tool.prose.words
        let texts = first.map { words[$0].text }
        guard texts.contains(where: Self.operationNouns.contains), !texts.contains(where: NameVerbRule.codeObjects.contains) else { return nil }
        for i in first {
            let original = tool.prose.quote(i, i)
            guard original.contains("_") || original.dropFirst().contains(where: \.isUppercase) || tool.prose.isQuoted(i) else { continue }
            guard let verb = VerbReading(NameTokens(original)).leading else { continue }
            return .evidence(verb.entry.category, weight: verb.entry.strength.scale(Self.leadingWeight), at: tool.descriptionPointer, quote: original,
                             reason: "the description runs the named operation '\(original)': \(verb.entry.reason)")
        }
        return nil
    }
    /// Verbs that only say "do the operation named next".
    static let runVerbs: Set<String> = ["execute", "run", "perform", "invoke", "call", "trigger"]
    /// Nouns after such a verb that name an operation rather than code.
    static let operationNouns: Set<String> = ["operation", "api", "action", "endpoint", "method", "request"]

    private func hit(_ tool: AnalyzedTool, _ i: Int, _ base: String, _ entry: LexiconEntry, reason: String) -> RuleHit {
        .evidence(entry.category, weight: entry.strength.scale(Self.leadingWeight), at: tool.descriptionPointer, quote: tool.prose.quote(i, i), reason: reason)
    }
}
