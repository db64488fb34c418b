import JSON

/// Nouns in a tool's name that say it documents, reports or describes rather than acts.
struct NameNounRule: CapabilityRule {
    static let id = "name-noun"
    /// A name with one of these anywhere hands out advice or documentation (`deploy_serverless_app_help`).
    static let adviceNouns: WordSet = [
        "help", "guidance", "guide", "guides", "documentation", "instructions", "tips",
        "tutorial", "practices", "faq", "readme", "troubleshoot", "troubleshooting",
        "recommendations", "advice", "advisor", "explainer", "prerequisites",
    ]
    /// A name with one of these shows what would happen without doing it (`dry_run_delete`, `preview_merge`).
    static let previewWords: WordSet = ["preview", "dry", "simulate", "simulation", "whatif"]
    /// A name ending in one of these reports on something (`get_delete_status`, `sam_logs`, `dbsize`).
    static let reportNouns: WordSet = [
        "status", "info", "information", "history", "logs", "metrics", "metadata", "details", "stats", "statistics",
        "summary", "health", "version", "versions", "usage", "size", "dbsize", "schema", "schemas", "events", "quota",
        "limits", "balance", "balances", "price", "prices", "quote", "quotes", "ticker", "bars", "snapshot",
        "config", "configuration", "settings", "attributes", "permissions", "overview", "diff", "changelog",
        "changelogs", "report", "insights", "time", "clock", "calendar", "len", "exists", "members", "list",
        "count", "dependencies", "hierarchy", "tree", "children", "properties", "fields", "types", "views",
        "restrictions", "forecast", "weather", "now", "today", "current", "latest", "timeline", "activity", "activities", "movers", "chain", "orderbook",
        "loss", "pnl", "historical", "logbook", "statements", "sheet",
        // Measures a monitor reports (`consumer_lag`, `partition_state`, `replay_readiness`).
        "lag", "state", "readiness", "latency", "throughput", "backlog", "utilization", "utilisation", "uptime",
    ]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Reporting or advice noun in the tool name", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A name ending in a reporting noun (status, logs, metrics) or naming advice (help, guidance, docs) argues for read.",
            rationale: """
            `get_delete_status` asks about a deletion; `deploy_serverless_app_help` explains deployment. Nouns of advice
            anywhere in the name, and reporting nouns that end the name, are read evidence. They never outweigh a
            clear leading verb on their own, but they settle names without one (`sam_logs`, `dbsize`, `info`).
            """,
            examples: [
                .evidence(#"{"name": "deploy_serverless_app_help"}"#, at: "/name", .read),
                .evidence(#"{"name": "get_delete_status"}"#, at: "/name", .read),
                .evidence(#"{"name": "info"}"#, at: "/name", .read),
                .evidence(#"{"name": "consumer_lag"}"#, at: "/name", .read),
                .evidence(#"{"name": "dry_run_delete"}"#, at: "/name", .read),
                .passes(#"{"name": "delete_user"}"#),
                .passes(#"{"name": "delete_guide"}"#),
            ])
    }

    /// Things a "simulation" really sends.
    static let firedThings: WordSet = ["webhook", "webhooks", "event", "events", "notification", "notifications", "callback", "callbacks"]

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        let name = tool.nameWords
        // A simulation that fires webhooks or events is real to whoever receives them.
        if let preview = name.first(in: Self.previewWords), !name.contains(Self.firedThings) {
            let word = name.text(preview)
            return [EvidenceHit(.read, .previewOrAdvice, at: tool.namePointer, quote: word, reason: "'\(word)' in the name: the tool previews rather than acts")]
        }
        // Advice is what the tool gives, unless it is what the verb acts on (`delete_guide`).
        let lead = tool.nameReading.leading
        if let i = name.first(in: Self.adviceNouns), lead.map({ $0.position + 1 != i || $0.entry.category == .read }) ?? true {
            let advice = name.text(i)
            return [EvidenceHit(.read, .previewOrAdvice, at: tool.namePointer, quote: advice, reason: "'\(advice)' in the name: the tool advises or documents rather than acts")]
        }
        if let last = name.words.indices.last, name.word(last, in: Self.reportNouns) {
            let word = name.text(last)
            return [EvidenceHit(.read, .reportNoun, at: tool.namePointer, quote: word, reason: "the name ends in '\(word)': the tool reports on something")]
        }
        return []
    }
}
