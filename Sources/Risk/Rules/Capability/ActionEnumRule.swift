import JSON

/// The operations of a multi-action tool: an `action`/`operation`/`method`/`mode` input whose values select them.
struct ActionEnumRule: ToolRule {
    static let id = "action-enum"
    /// Inputs whose values name operations whenever any value is a verb.
    static let selectors: Set<String> = ["action", "actions", "operation", "operations", "op", "ops", "command", "cmd", "subcommand", "verb"]
    /// Inputs whose values name operations only when most values are verbs (`type` is often a kind of thing).
    static let weakSelectors: Set<String> = ["method", "mode", "task", "function", "tool", "request"]
    /// Weight of an action's verb from an enum value.
    static let enumWeight = 60
    /// Weight of an action's verb found only in prose.
    static let proseWeight = 45
    /// At most this many actions are read per input.
    static let maxActions = 64

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Operations of a multi-action tool", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "Each value of an operation selector (`action`, `operation`, `method`, `mode`...) is classified on its own; the tool takes its most dangerous action's category.",
            rationale: """
            Some tools bundle many operations behind one input: `manage_resource(action: get|list|delete)`. Each enum
            value is read like a tool name (`delete_branch`, `get_active`, `list_source_replicas`, `refund`) and
            reported as an action with its own category and evidence. When the input has no enum, values listed in
            its description ("one of: create, delete") are used as a best effort. `method`, `mode` and similar inputs count
            only with three or more values, most of them verbs (an option `type` of `call`/`put` is not an action).
            """,
            examples: [
                .triggers(#"{"name": "manage_branch", "inputSchema": {"type": "object", "properties": {"action": {"type": "string", "enum": ["get_active", "delete_branch"]}}}}"#, at: "/inputSchema/properties/action/enum/1"),
                .triggers(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"operation": {"type": "string", "description": "Operation to perform, one of: create, delete"}}}}"#, at: "/inputSchema/properties/operation/description"),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"type": {"type": "string", "enum": ["issue", "pull_request", "commit"]}}}}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        var hits: [RuleHit] = []
        for p in tool.properties where p.depth <= 1 {
            guard let last = p.words.last else { continue }
            // `action_type`, `operation_name`: a selector word anywhere in the input's name.
            let strong = p.words.contains(where: Self.selectors.contains)
            guard strong || Self.weakSelectors.contains(last) else { continue }
            if !p.enumValues.isEmpty {
                hits += enumHits(p, strong: strong)
            } else if strong {
                // Values listed in the input's description, else in the tool's ("Supported operations: ...").
                let own = proseHits(ProseWords(p.description ?? ""), at: p.pointer.appending("description"), parameter: p.name, after: nil)
                hits += own.isEmpty ? proseHits(tool.prose, at: tool.descriptionPointer, parameter: p.name, after: Self.listHeads) : own
            }
        }
        return hits
    }

    private func enumHits(_ p: SchemaProperty, strong: Bool) -> [RuleHit] {
        var readings: [(String, JSONPointer, VerbReading.Verb)] = []
        var seen: Set<String> = []
        for (value, pointer) in p.enumValues.prefix(Self.maxActions) where seen.insert(value).inserted {
            if let lead = VerbReading(NameTokens(value)).leading { readings.append((value, pointer, lead)) }
        }
        let needed = strong ? 1 : max(2, (min(p.enumValues.count, Self.maxActions) * 6 + 9) / 10)
        guard readings.count >= needed, p.enumValues.count >= (strong ? 2 : 3) else { return [] }
        return readings.map { value, pointer, verb in
            .evidence(verb.entry.category, weight: verb.entry.strength.scale(Self.enumWeight), at: pointer, quote: value,
                      reason: "action '\(value)' of input '\(p.path)': \(verb.entry.reason)")
        }
    }

    /// Words that head a list of operations in a tool's description ("Supported operations:").
    static let listHeads: Set<String> = ["operations", "actions", "commands", "operation", "action", "command", "values", "options"]

    /// Verbs listed after the first `:`, `(` or "one of" (or, with `after`, after one of those words and a `:`).
    private func proseHits(_ prose: ProseWords, at pointer: JSONPointer, parameter: String, after heads: Set<String>?) -> [RuleHit] {
        let words = prose.words
        var start: Int?
        if let heads {
            start = words.indices.first { heads.contains(words[$0].text) && prose.isFollowed($0, by: ":") }.map { $0 + 1 }
        } else if let colon = prose.scalars.firstIndex(where: { $0 == ":" || $0 == "(" }) {
            start = words.firstIndex { $0.start > colon }
        } else if let of = words.indices.first(where: { $0 > 0 && words[$0].text == "of" && words[$0 - 1].text == "one" }) {
            start = of + 1
        }
        guard let start, start < words.count else { return [] }
        let listed = Array(words.indices[start...].prefix(Self.maxActions * 4))
        // Identifiers (`delete_branch`, `CreateCluster`, quoted words) when there are any, else plain verbs.
        let identifiers = listed.filter { i in
            let original = prose.quote(i, i)
            return original.contains("_") || original.dropFirst().contains(where: \.isUppercase) && original.contains(where: \.isLowercase) || prose.isQuoted(i)
        }
        var hits: [RuleHit] = []
        var seen: Set<String> = []
        for i in (identifiers.count >= 2 ? identifiers : listed) where hits.count < Self.maxActions {
            let original = prose.quote(i, i)
            guard let lead = VerbReading(NameTokens(original)).leading, seen.insert(original).inserted else { continue }
            hits.append(.evidence(lead.entry.category, weight: lead.entry.strength.scale(Self.proseWeight), at: pointer, quote: original,
                                  reason: "action '\(original)' listed for input '\(parameter)': \(lead.entry.reason)"))
        }
        return hits.count >= 2 ? hits : []
    }
}
