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
            if HTTPRequestRule.isMethodEnum(p) {
                continue   // HTTP methods, not operations of the tool (see `http-request`)
            } else if !p.enumValues.isEmpty {
                hits += enumHits(p, strong: strong, tool: tool)
            } else if strong, Self.listsOwnActions(tool, p) {
                // Values listed in the input's description, else in the tool's ("Supported operations: ...").
                let own = proseHits(p.prose, at: p.pointer.appending("description"), parameter: p.name, after: nil, tool: tool)
                let listed = own.isEmpty ? proseHits(tool.prose, at: tool.descriptionPointer, parameter: p.name, after: Self.listHeads, tool: tool) : own
                hits += listed.isEmpty ? sentenceHits(tool, parameter: p.name) : listed
            }
        }
        return hits
    }

    /// Words that make a selector's list examples of an open set (a pass-through), not the tool's operations.
    static let openSetWords: Set<String> = ["e", "g", "eg", "example", "examples", "such", "like", "any"]

    /// Prose lists count only for a tool whose name does not already say what it does (`manage_event`),
    /// and whose selector is not a pass-through to any API command (`api_operation`, "e.g. SET, DEL").
    static func listsOwnActions(_ tool: AnalyzedTool, _ p: InputProperty) -> Bool {
        if let lead = tool.nameReading.leading, lead.entry.strength != .weak, !lead.entry.alsoNoun { return false }
        if p.words.contains("api") { return false }
        let words = p.prose.words.map(\.text)
        return !words.contains(where: openSetWords.contains)
    }

    /// An action's category: its verb's, read against its own words and money on the server.
    static func reading(_ value: String, tool: AnalyzedTool) -> (Category, Strength, String)? {
        let tokens = NameTokens(value)
        guard let lead = VerbReading(tokens).leading else { return nil }
        let objects = tokens.texts.dropFirst(lead.position + 1)
        // A bare verb (`cancel`) acts on what the tool is about: `cancel` of `manage_subscription` cancels a subscription.
        let acted = objects.isEmpty ? Array(tool.nameTokens.texts) : Array(objects)
        if let money = MoneyMovementRule.moneyObject(verb: lead.base, category: lead.entry.category, in: acted, server: tool.serverVocabulary) {
            return (.financial, .strong, "'\(lead.base)' acts on '\(money)': money moves")
        }
        let entry = VerbObjects.entry(for: lead.base, lead.entry, nameObjects: Array(objects) + tool.nameTokens.texts, nearby: [])
        return (entry.category, entry.strength, entry.reason)
    }

    private func enumHits(_ p: InputProperty, strong: Bool, tool: AnalyzedTool) -> [RuleHit] {
        var readings: [(String, JSONPointer, (Category, Strength, String))] = []
        var seen: Set<String> = []
        for (value, pointer) in p.enumValues.prefix(Self.maxActions) where seen.insert(value).inserted {
            if let r = Self.reading(value, tool: tool) { readings.append((value, pointer, r)) }
        }
        let needed = strong ? 1 : max(2, (min(p.enumValues.count, Self.maxActions) * 6 + 9) / 10)
        guard readings.count >= needed, p.enumValues.count >= (strong ? 2 : 3) else { return [] }
        return readings.map { value, pointer, r in
            .evidence(r.0, weight: r.1.scale(Self.enumWeight), at: pointer, quote: value, reason: "action '\(value)' of input '\(p.path)': \(r.2)")
        }
    }

    /// "Create or delete an Apps Script project.": the verbs of the first sentence are the selector's values.
    private func sentenceHits(_ tool: AnalyzedTool, parameter: String) -> [RuleHit] {
        var hits: [RuleHit] = []
        var seen: Set<String> = []
        for i in tool.prose.firstSentence {
            let word = tool.prose.words[i].text
            guard let (base, entry) = VerbLexicon.verbs.lookup(word), !entry.alsoNoun, seen.insert(base).inserted else { continue }
            let e = VerbObjects.entry(for: base, entry, nameObjects: tool.nameTokens.texts, nearby: [])
            hits.append(.evidence(e.category, weight: e.strength.scale(Self.proseWeight), at: tool.descriptionPointer, quote: tool.prose.quote(i, i),
                                  reason: "action '\(base)' named in the description for input '\(parameter)': \(e.reason)"))
        }
        return hits.count >= 2 ? hits : []
    }

    /// Words that head a list of operations in a tool's description ("Supported operations:").
    static let listHeads: Set<String> = ["operations", "actions", "commands", "operation", "action", "command", "values", "options"]

    /// Verbs listed after the first `:`, `(` or "one of" (or, with `after`, after one of those words and a `:`).
    private func proseHits(_ prose: ProseWords, at pointer: JSONPointer, parameter: String, after heads: Set<String>?, tool: AnalyzedTool) -> [RuleHit] {
        let words = prose.words
        var start: Int?
        if let heads {
            start = words.indices.first { heads.contains(words[$0].text) && prose.isFollowed($0, by: ":") }.map { $0 + 1 }
        } else if let colon = prose.scalars.firstIndex(where: { $0 == ":" || $0 == "(" }) {
            start = words.firstIndex { $0.start > colon }
        } else if let of = words.indices.first(where: { $0 > 0 && words[$0].text == "of" && words[$0 - 1].text == "one" }) {
            start = of + 1
        } else if words.indices.filter({ prose.isQuoted($0) }).count >= 2 {
            start = 0   // "Action to perform - \"create\", \"update\" or \"delete\""
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
            guard let r = Self.reading(original, tool: tool), seen.insert(original).inserted else { continue }
            hits.append(.evidence(r.0, weight: r.1.scale(Self.proseWeight), at: pointer, quote: original,
                                  reason: "action '\(original)' listed for input '\(parameter)': \(r.2)"))
        }
        return hits.count >= 2 ? hits : []
    }
}
