import JSON

/// Phrases in a description that name a dangerous effect: loss, running code, moving money.
struct DescriptionPhraseRule: ToolRule {
    static let id = "description-phrase"

    /// Phrase, category, weight, reason. Kept here, with the rule that uses them.
    static let phrases: [(String, (Category, Int, String))] = [
        // Loss of data.
        ("permanently", (.destructive, 50, "says the effect is permanent")),
        ("permanent deletion", (.destructive, 60, "says the effect is permanent deletion")),
        ("cannot be undone", (.destructive, 45, "says the effect cannot be undone")),
        ("can not be undone", (.destructive, 45, "says the effect cannot be undone")),
        ("can't be undone", (.destructive, 45, "says the effect cannot be undone")),
        ("irreversibl~", (.destructive, 50, "says the effect is irreversible")),
        ("irrecoverabl~", (.destructive, 55, "says data cannot be recovered")),
        ("unrecoverabl~", (.destructive, 55, "says data cannot be recovered")),
        ("will be lost", (.destructive, 50, "says data will be lost")),
        ("data loss", (.destructive, 50, "warns of data loss")),
        ("deletes all", (.destructive, 60, "deletes everything in scope")),
        ("delete all", (.destructive, 60, "deletes everything in scope")),
        ("removes all", (.destructive, 55, "removes everything in scope")),
        ("remove all", (.destructive, 55, "removes everything in scope")),
        ("wipes", (.destructive, 55, "wipes data")),
        ("force delete", (.destructive, 45, "forces a deletion")),
        // Running code or commands.
        ("executes arbitrary", (.execute, 70, "runs arbitrary input")),
        ("execute arbitrary", (.execute, 70, "runs arbitrary input")),
        ("run arbitrary", (.execute, 70, "runs arbitrary input")),
        ("runs arbitrary", (.execute, 70, "runs arbitrary input")),
        ("arbitrary code", (.execute, 70, "runs arbitrary code")),
        ("arbitrary command~", (.execute, 70, "runs arbitrary commands")),
        ("arbitrary sql", (.execute, 65, "runs arbitrary SQL")),
        ("any sql", (.execute, 60, "runs any SQL")),
        ("any command", (.execute, 60, "runs any command")),
        ("shell command~", (.execute, 65, "runs shell commands")),
        ("run a shell", (.execute, 70, "runs a shell command")),
        ("terminal command~", (.execute, 60, "runs terminal commands")),
        ("system command~", (.execute, 60, "runs system commands")),
        ("bash command~", (.execute, 65, "runs bash commands")),
        ("cli command~", (.execute, 55, "runs CLI commands")),
        ("execute code", (.execute, 65, "runs code")),
        ("executes code", (.execute, 65, "runs code")),
        ("run code", (.execute, 60, "runs code")),
        ("code execution", (.execute, 60, "runs code")),
        ("python code", (.execute, 35, "takes Python code")),
        ("javascript code", (.execute, 35, "takes JavaScript code")),
        ("execute javascript", (.execute, 65, "runs JavaScript")),
        ("evaluate javascript", (.execute, 65, "runs JavaScript")),
        ("run javascript", (.execute, 65, "runs JavaScript")),
        ("raw sql", (.execute, 55, "takes raw SQL")),
        ("by executing", (.execute, 50, "works by executing something")),
        ("by running", (.execute, 45, "works by running something")),
        ("ddl", (.execute, 45, "mentions DDL statements")),
        ("dml", (.execute, 45, "mentions DML statements")),
        // Money.
        ("charges the customer", (.financial, 70, "charges a customer")),
        ("charge the customer", (.financial, 70, "charges a customer")),
        ("charge a customer", (.financial, 70, "charges a customer")),
        ("charges a customer", (.financial, 70, "charges a customer")),
        ("charge * card", (.financial, 65, "charges a card")),
        ("transfer funds", (.financial, 70, "transfers funds")),
        ("transfers funds", (.financial, 70, "transfers funds")),
        ("transfer money", (.financial, 70, "transfers money")),
        ("send money", (.financial, 70, "sends money")),
        ("sends money", (.financial, 70, "sends money")),
        ("moves money", (.financial, 70, "moves money")),
        ("real money", (.financial, 60, "involves real money")),
        ("place * order", (.financial, 65, "places an order")),
        ("places * order", (.financial, 65, "places an order")),
        ("submit * order", (.financial, 65, "submits an order")),
        ("submits * order", (.financial, 65, "submits an order")),
        ("market order", (.financial, 50, "concerns market orders")),
        ("limit order", (.financial, 50, "concerns limit orders")),
        ("issue * refund", (.financial, 70, "issues a refund")),
        ("issues * refund", (.financial, 70, "issues a refund")),
        ("refund * payment", (.financial, 65, "refunds a payment")),
        ("refunds * payment", (.financial, 65, "refunds a payment")),
        ("refund * charge", (.financial, 65, "refunds a charge")),
        ("withdraw funds", (.financial, 70, "withdraws funds")),
        ("make * payment", (.financial, 65, "makes a payment")),
        ("initiate * payment", (.financial, 65, "initiates a payment")),
        ("initiates * payment", (.financial, 65, "initiates a payment")),
        ("process * payment", (.financial, 60, "processes a payment")),
        ("capture * payment", (.financial, 65, "captures a payment")),
        ("buy or sell", (.financial, 55, "buys or sells")),
        ("close * position", (.financial, 55, "closes a trading position")),
        ("closes * position", (.financial, 55, "closes a trading position")),
        ("liquidate", (.financial, 55, "liquidates holdings")),
        ("liquidates", (.financial, 55, "liquidates holdings")),
    ]
    static let matcher = PhraseMatcher(phrases)

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Phrase naming a dangerous effect", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "Phrases such as \"cannot be undone\", \"executes arbitrary\", \"run a shell command\", \"transfer funds\" or \"place an order\" argue for destructive, execute or financial.",
            rationale: """
            Descriptions often state the consequence plainly even when the name is vague. Each phrase carries its own
            weight: \"permanently\" supports a deletion, \"executes arbitrary code\" on its own makes a tool execute.
            Phrases preceded by a negation (\"does not permanently delete\") count for nothing.
            """,
            examples: [
                .triggers(#"{"name": "x", "description": "Removes the record. This cannot be undone."}"#, at: "/description"),
                .triggers(#"{"name": "x", "description": "Run a shell command on the host."}"#, at: "/description"),
                .triggers(#"{"name": "x", "description": "Places a limit order for the given symbol."}"#, at: "/description"),
                .passes(#"{"name": "x", "description": "Lists past charges and refunds for a customer."}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        let texts = tool.proseTexts
        var hits: [RuleHit] = []
        var seen: Set<String> = []
        for m in Self.matcher.matches(in: texts) {
            let negated = (max(0, m.from - 3)..<m.from).contains { DescriptionVerbRule.negations.contains(texts[$0]) }
            guard !negated, seen.insert(m.phrase).inserted else { continue }
            let (category, weight, reason) = m.payload
            hits.append(.evidence(category, weight: weight, at: tool.descriptionPointer, quote: tool.prose.quote(m.from, m.to), reason: "the description \(reason)"))
        }
        return hits
    }
}
