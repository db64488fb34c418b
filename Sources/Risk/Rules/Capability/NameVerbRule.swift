import JSON

/// The verbs of a tool's name: the leading one weighs most.
struct NameVerbRule: CapabilityRule {
    static let id = "name-verb"

    /// Words after an `execute`/`run` verb that make the run a lookup rather than code (`execute_promql_query`).
    static let lookupObjects: WordSet = ["query", "queries", "search", "report", "insights", "insight", "lookup", "analysis", "promql", "logql", "count"]
    /// Words after an `execute`/`run` verb that make it code or commands (`execute_sql`, `run_command`).
    static let codeObjects: WordSet = ["sql", "statement", "statements", "command", "commands", "script", "scripts", "code", "shell", "cmd", "bash", "python", "javascript", "js", "ddl", "dml", "write", "cli"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Verb in the tool name", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "The verb that leads a tool's name (delete, create, execute, refund, get) argues for the tool's category.",
            rationale: """
            Tool names are mostly `verb_object` in some spelling (snake, kebab, camel, Pascal, dotted, namespaced).
            Names are split into words and each word is looked up, with its inflections, in a lexicon of verbs grouped by
            category. The verb that leads the last namespace segment weighs most; a word that is as often a noun
            (`commit`, `order`, `log`) leads only when no other verb does; verbs joined by `and` all lead
            (`list_and_purge_expired`); other verbs count little (`get_delete_status` reads). Redis-style commands
            (`hdel`, `zrem`, `json_arrtrim`) are read as their verb. `execute`/`run` followed by `query` or `search`
            counts as weak: running a lookup is not running code, so the description or the schema decides.
            """,
            examples: [
                .evidence(#"{"name": "delete_user", "description": "x"}"#, at: "/name", .destructive),
                .evidence(#"{"name": "k8s.pods.delete"}"#, at: "/name", .destructive),
                .evidence(#"{"name": "claim_creator_fees"}"#, at: "/name", .financial),
                .evidence(#"{"name": "sign_payment_intent"}"#, at: "/name", .financial),
                .evidence(#"{"name": "sign_document"}"#, at: "/name", .read),
                .evidence(#"{"name": "reply_to_chat_message"}"#, at: "/name", .execute),
                .evidence(#"{"name": "reply_to_review_comment"}"#, at: "/name", .write),
                .evidence(#"{"name": "Activate_a_workflow"}"#, at: "/name", .execute),
                .evidence(#"{"name": "airflow_clear_task_instances"}"#, at: "/name", .execute),
                .evidence(#"{"name": "ghost_unpublish_post"}"#, at: "/name", .write),
                .evidence(#"{"name": "build_domain", "description": "Build an Odoo search domain from simple conditions."}"#, at: "/name", .read),
                .evidence(#"{"name": "build_item", "description": "Trigger a Jenkins build of the job."}"#, at: "/name", .execute),
                .evidence(#"{"name": "delete_issue_relation"}"#, at: "/name", .write),
                .evidence(#"{"name": "reset_site_permissions"}"#, at: "/name", .write),
                .evidence(#"{"name": "delete_label"}"#, at: "/name", .destructive),
                .evidence(#"{"name": "create_chat", "description": "Create a one-on-one or group chat with colleagues."}"#, at: "/name", .write),
                .evidence(#"{"name": "run_nrql", "description": "Run an NRQL query against New Relic."}"#, at: "/name", .read),
                .evidence(#"{"name": "ha_eval_template", "description": "Evaluate a Jinja2 template and return the rendered text."}"#, at: "/name", .read),
                .evidence(#"{"name": "obter_input_pendente"}"#, at: "/name", .read),
                .evidence(#"{"name": "GetAHOReadSetMetadata"}"#, at: "/name", .read),
                .evidence(#"{"name": "cancelSubscription"}"#, at: "/name", .write),
                .evidence(#"{"name": "execute_promql_query"}"#, at: "/name", .read),
                .evidence(#"{"name": "prepare_delete_empty_ledger_account", "description": "Returns a preview and an approval id."}"#, at: "/name", .read),
                .passes(#"{"name": "weather_tomorrow"}"#),
                .evidence(#"{"name": "bitpos"}"#, at: "/name", .read),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        let reading = tool.nameReading
        let lookupRun = !reading.objectWords.contains(where: Self.codeObjects.contains) && reading.objectWords.contains(where: Self.lookupObjects.contains)
        let words = tool.nameWords.words
        // Verbs joined by `and` all happen: the most dangerous of them states the action, the others support it.
        let group = reading.verbs.filter { $0.role != .secondary }
        let worst = group.max { a, b in (a.entry.category.rank, b.position) < (b.entry.category.rank, a.position) }?.position
        let nearby = tool.wordsAfterDescriptionVerb
        return reading.verbs.compactMap { verb in
            var weight: Weight
            var reason: String
            let opensSegment = verb.position == words.firstIndex { $0.segment == words[verb.position].segment }
            let others = words.indices.filter { $0 != verb.position }.map { words[$0].hash }
            let entry = VerbObjects.entry(for: verb.base, verb.entry, nameObjects: others, nearby: nearby, server: tool.serverVocabulary)
            switch verb.role {
            case .leading where group.count > 1 && verb.position != worst, .joined where group.count > 1 && verb.position != worst:
                weight = .otherVerb
                reason = "verb '\(verb.base)' is one of several joined verbs; the most dangerous one leads"
            case .leading, .joined:
                weight = Weight(value: entry.strength.scale(entry.alsoNoun && !opensSegment ? Weight.leadingNounVerb.value : Weight.leadingVerb.value))
                reason = verb.role == .leading ? "verb '\(verb.base)' leads the name: \(entry.reason)" : "verb '\(verb.base)' is joined to the leading verb: \(entry.reason)"
                if entry.category == .execute && lookupRun {
                    let noun = reading.objectWords.first(where: Self.lookupObjects.contains).flatMap { h in
                        tool.nameWords.words.indices.first { tool.nameWords.words[$0].hash == h }.map(tool.nameWords.text)
                    } ?? "lookup"
                    return EvidenceHit(.read, .lookupRun, at: tool.namePointer, quote: verb.word,
                                       reason: "verb '\(verb.base)' runs a \(noun), a lookup rather than code (the schema decides for SQL)")
                }
            case .secondary:
                guard !entry.alsoNoun else { return nil }
                weight = .otherVerb
                reason = "verb '\(verb.base)' appears in the name but does not lead it"
            }
            return EvidenceHit(entry.category, weight, at: tool.namePointer, quote: verb.word, reason: reason)
        }
    }
}
