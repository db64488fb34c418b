import JSON

/// The operations of a multi-action tool: an `action`/`operation`/`method`/`mode` input whose values select them.
struct ActionEnumRule: CapabilityRule {
    static let id = "action-enum"
    /// Inputs whose values name operations whenever any value is a verb.
    static let selectors: WordSet = ["action", "actions", "operation", "operations", "op", "ops", "command", "cmd", "subcommand", "verb"]
    /// Inputs whose values name operations only when most values are verbs (`type` is often a kind of thing).
    static let weakSelectors: WordSet = ["method", "mode", "task", "function", "tool", "request"]
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
                .evidence(#"{"name": "manage_branch", "inputSchema": {"type": "object", "properties": {"action": {"type": "string", "enum": ["get_active", "delete_branch"]}}}}"#, at: "/inputSchema/properties/action/enum/1", .destructive),
                .evidence(#"{"name": "manage_branch", "inputSchema": {"type": "object", "properties": {"action": {"type": "string", "enum": ["get_active", "delete_branch"]}}}}"#, at: "/inputSchema/properties/action/enum/0", .read),
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"operation": {"type": "string", "description": "Operation to perform, one of: create, delete"}}}}"#, at: "/inputSchema/properties/operation/description", .destructive),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"type": {"type": "string", "enum": ["issue", "pull_request", "commit"]}}}}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        var hits: [EvidenceHit] = []
        for p in tool.properties where p.depth <= 1 {
            guard let last = p.lastWord else { continue }
            // `action_type`, `operation_name`: a selector word anywhere in the input's name; but an input
            // naming a state (`operation_phase`, `action_status`) lists states, not operations.
            if p.hasWord(in: Self.stateWords) { continue }
            let strong = p.hasWord(in: Self.selectors)
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

    /// Words of an input that holds a state or a kind rather than an operation.
    static let stateWords: WordSet = ["phase", "status", "state", "states", "result", "outcome", "kind"]

    /// Words that make a selector's list examples of an open set (a pass-through), not the tool's operations.
    static let openSetWords: WordSet = ["e", "g", "eg", "example", "examples", "such", "like", "any"]
    private static let api = WordHash.of("api")

    /// Prose lists count only for a tool whose name does not already say what it does (`manage_event`),
    /// and whose selector is not a pass-through to any API command (`api_operation`, "e.g. SET, DEL").
    static func listsOwnActions(_ tool: ToolContext, _ p: InputProperty) -> Bool {
        if let lead = tool.nameReading.leading, lead.entry.strength != .weak, !lead.entry.alsoNoun { return false }
        if p.words.contains(api) { return false }
        return !p.prose.contains(openSetWords, in: 0..<p.prose.proseEnd)
    }

    /// An action's category: its verb's, read against its own words and money on the server.
    static func reading(_ value: String, tool: ToolContext) -> (Category, Strength, String)? {
        let tokens = TokenizedText(value, mode: .identifier)
        guard let lead = VerbReading(tokens).leading else { return nil }
        let objects = Array(tokens.words.dropFirst(lead.position + 1).map(\.hash))
        // A bare verb (`cancel`) acts on what the tool is about: `cancel` of `manage_subscription` cancels a subscription.
        let acted = objects.isEmpty ? tool.nameHashes : objects
        if let k = MoneyMovementRule.moneyObject(verb: lead.base, category: lead.entry.category, in: acted, server: tool.serverVocabulary) {
            let money = objects.isEmpty ? tool.nameWords.text(k) : tokens.text(lead.position + 1 + k)
            return (.financial, .strong, "'\(lead.base)' acts on '\(money)': money moves")
        }
        let entry = VerbObjects.entry(for: lead.base, lead.entry, nameObjects: objects + tool.nameHashes, nearby: [])
        return (entry.category, entry.strength, entry.reason)
    }

    private func enumHits(_ p: InputProperty, strong: Bool, tool: ToolContext) -> [EvidenceHit] {
        var readings: [(String, JSONPointer, (Category, Strength, String))] = []
        var seen: Set<String> = []
        for (value, pointer) in p.enumValues.prefix(Self.maxActions) where seen.insert(value).inserted {
            if let r = Self.reading(value, tool: tool) { readings.append((value, pointer, r)) }
        }
        let needed = strong ? 1 : max(2, (min(p.enumValues.count, Self.maxActions) * 6 + 9) / 10)
        guard readings.count >= needed, p.enumValues.count >= (strong ? 2 : 3) else { return [] }
        return readings.map { value, pointer, r in
            EvidenceHit(r.0, Weight(value: r.1.scale(Weight.enumAction.value)), at: pointer, quote: value, reason: "action '\(value)' of input '\(p.path)': \(r.2)")
        }
    }

    /// "Create or delete an Apps Script project.": the verbs of the first sentence are the selector's values.
    private func sentenceHits(_ tool: ToolContext, parameter: String) -> [EvidenceHit] {
        var hits: [EvidenceHit] = []
        var seen: Set<String> = []
        let prose = tool.prose
        for i in prose.firstSentence {
            guard let m = VerbLexicon.verbs.lookup(prose, i), !m.entry.alsoNoun, seen.insert(m.base).inserted else { continue }
            let e = VerbObjects.entry(for: m.base, m.entry, nameObjects: tool.nameHashes, nearby: [])
            hits.append(EvidenceHit(e.category, Weight(value: e.strength.scale(Weight.proseAction.value)), at: tool.descriptionPointer, quote: prose.quote(i),
                                    reason: "action '\(m.base)' named in the description for input '\(parameter)': \(e.reason)"))
        }
        return hits.count >= 2 ? hits : []
    }

    /// Words that head a list of operations in a tool's description ("Supported operations:").
    static let listHeads: WordSet = ["operations", "actions", "commands", "operation", "action", "command", "values", "options"]
    private static let one = WordHash.of("one"), of = WordHash.of("of")

    /// Verbs listed after the first `:`, `(` or "one of" (or, with `after`, after one of those words and a `:`).
    private func proseHits(_ prose: TokenizedText, at pointer: JSONPointer, parameter: String, after heads: WordSet?, tool: ToolContext) -> [EvidenceHit] {
        let words = prose.words
        let end = prose.proseEnd
        var start: Int?
        if let heads {
            start = (0..<end).first { prose.word($0, in: heads) && prose.isFollowed($0, by: 0x3A) }.map { $0 + 1 }
        } else if let colon = prose.folded.firstIndex(where: { $0 == 0x3A || $0 == 0x28 }) {
            start = (0..<end).first { Int(words[$0].start) > colon }
        } else if let of = (0..<end).first(where: { $0 > 0 && words[$0].hash == Self.of && words[$0 - 1].hash == Self.one }) {
            start = of + 1
        } else if (0..<end).filter({ prose.isQuoted($0) }).count >= 2 {
            start = 0   // "Action to perform - \"create\", \"update\" or \"delete\""
        }
        guard let start, start < end else { return [] }
        let listed = Array((start..<end).prefix(Self.maxActions * 4))
        // Identifiers (`delete_branch`, `CreateCluster`, quoted words) when there are any, else plain verbs.
        let identifiers = listed.filter { i in
            let f = words[i].flags
            return f.contains(.underscore) || (f.contains(.innerCapital) && prose.quote(i).contains(where: \.isLowercase)) || prose.isQuoted(i)
        }
        var hits: [EvidenceHit] = []
        var seen: Set<String> = []
        for i in (identifiers.count >= 2 ? identifiers : listed) where hits.count < Self.maxActions {
            let original = prose.quote(i)
            guard let r = Self.reading(original, tool: tool), seen.insert(original).inserted else { continue }
            hits.append(EvidenceHit(r.0, Weight(value: r.1.scale(Weight.proseAction.value)), at: pointer, quote: original,
                                    reason: "action '\(original)' listed for input '\(parameter)': \(r.2)"))
        }
        return hits.count >= 2 ? hits : []
    }
}
