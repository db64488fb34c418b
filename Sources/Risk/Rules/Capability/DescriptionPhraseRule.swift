import JSON

/// Phrases in a description that name a dangerous effect: loss, running code, moving money.
struct DescriptionPhraseRule: CapabilityRule {
    static let id = "description-phrase"

    /// Phrase, category, weight, reason. Kept here, with the rule that uses them.
    static let phrases = PhraseList<(Category, Weight, String)>(.descriptionPhrases, [
        // Loss of data.
        ("permanently", (.destructive, .phraseStates, "says the effect is permanent")),
        ("permanent deletion", (.destructive, .phraseNames, "says the effect is permanent deletion")),
        ("cannot be undone", (.destructive, .phraseSuggests, "says the effect cannot be undone")),
        ("can not be undone", (.destructive, .phraseSuggests, "says the effect cannot be undone")),
        ("irreversibl*", (.destructive, .phraseStates, "says the effect is irreversible")),
        ("irrecoverabl*", (.destructive, .phraseStatesPlainly, "says data cannot be recovered")),
        ("unrecoverabl*", (.destructive, .phraseStatesPlainly, "says data cannot be recovered")),
        ("will be lost", (.destructive, .phraseStates, "says data will be lost")),
        ("data loss", (.destructive, .phraseStates, "warns of data loss")),
        ("deletes all", (.destructive, .phraseNames, "deletes everything in scope")),
        ("delete all", (.destructive, .phraseNames, "deletes everything in scope")),
        ("removes all", (.destructive, .phraseStatesPlainly, "removes everything in scope")),
        ("remove all", (.destructive, .phraseStatesPlainly, "removes everything in scope")),
        ("wipes", (.destructive, .phraseStatesPlainly, "wipes data")),
        ("force delete", (.destructive, .phraseSuggests, "forces a deletion")),
        // Running code or commands.
        // A simulation or a test that fires real webhooks is execute (the definition): receivers act on it.
        ("send*|fire*|trigger*|deliver* ~2 (test|real|sample)? webhook*", (.execute, .phraseDecides, "fires webhooks or events that receivers act on")),
        ("executes arbitrary", (.execute, .phraseDecides, "runs arbitrary input")),
        ("execute arbitrary", (.execute, .phraseDecides, "runs arbitrary input")),
        ("run arbitrary", (.execute, .phraseDecides, "runs arbitrary input")),
        ("runs arbitrary", (.execute, .phraseDecides, "runs arbitrary input")),
        ("arbitrary code", (.execute, .phraseDecides, "runs arbitrary code")),
        ("arbitrary command*", (.execute, .phraseDecides, "runs arbitrary commands")),
        ("arbitrary sql", (.execute, .phraseNamesExactly, "runs arbitrary SQL")),
        ("any sql", (.execute, .phraseNames, "runs any SQL")),
        ("any command", (.execute, .phraseNames, "runs any command")),
        ("shell command*", (.execute, .phraseNamesExactly, "runs shell commands")),
        ("run a shell", (.execute, .phraseDecides, "runs a shell command")),
        ("terminal command*", (.execute, .phraseNames, "runs terminal commands")),
        ("system command*", (.execute, .phraseNames, "runs system commands")),
        ("bash command*", (.execute, .phraseNamesExactly, "runs bash commands")),
        ("cli command*", (.execute, .phraseStatesPlainly, "runs CLI commands")),
        ("execute code", (.execute, .phraseNamesExactly, "runs code")),
        ("executes code", (.execute, .phraseNamesExactly, "runs code")),
        ("run code", (.execute, .phraseNames, "runs code")),
        ("code execution", (.execute, .phraseNames, "runs code")),
        ("python code", (.execute, .phraseMentions, "takes Python code")),
        ("javascript code", (.execute, .phraseMentions, "takes JavaScript code")),
        ("execute javascript", (.execute, .phraseNamesExactly, "runs JavaScript")),
        ("evaluate javascript", (.execute, .phraseNamesExactly, "runs JavaScript")),
        ("run javascript", (.execute, .phraseNamesExactly, "runs JavaScript")),
        ("raw sql", (.execute, .phraseStatesPlainly, "takes raw SQL")),
        ("by executing", (.execute, .phraseStates, "works by executing something")),
        ("by running", (.execute, .phraseSuggests, "works by running something")),
        ("ddl", (.execute, .phraseSuggests, "mentions DDL statements")),
        ("dml", (.execute, .phraseSuggests, "mentions DML statements")),
        // Money.
        ("charges the customer", (.financial, .phraseDecides, "charges a customer")),
        ("charge the customer", (.financial, .phraseDecides, "charges a customer")),
        ("charge a customer", (.financial, .phraseDecides, "charges a customer")),
        ("charges a customer", (.financial, .phraseDecides, "charges a customer")),
        ("charge ~2 card", (.financial, .phraseNamesExactly, "charges a card")),
        ("transfer funds", (.financial, .phraseDecides, "transfers funds")),
        ("transfers funds", (.financial, .phraseDecides, "transfers funds")),
        ("transfer money", (.financial, .phraseDecides, "transfers money")),
        ("send money", (.financial, .phraseDecides, "sends money")),
        ("sends money", (.financial, .phraseDecides, "sends money")),
        ("moves money", (.financial, .phraseDecides, "moves money")),
        ("real money", (.financial, .phraseNames, "involves real money")),
        ("place ~2 order", (.financial, .phraseNamesExactly, "places an order")),
        ("places ~2 order", (.financial, .phraseNamesExactly, "places an order")),
        ("submit ~2 order", (.financial, .phraseNamesExactly, "submits an order")),
        ("submits ~2 order", (.financial, .phraseNamesExactly, "submits an order")),
        ("market order", (.financial, .phraseStates, "concerns market orders")),
        ("limit order", (.financial, .phraseStates, "concerns limit orders")),
        ("issue ~2 refund", (.financial, .phraseDecides, "issues a refund")),
        ("issues ~2 refund", (.financial, .phraseDecides, "issues a refund")),
        ("refund ~2 payment", (.financial, .phraseNamesExactly, "refunds a payment")),
        ("refunds ~2 payment", (.financial, .phraseNamesExactly, "refunds a payment")),
        ("refund ~2 charge", (.financial, .phraseNamesExactly, "refunds a charge")),
        ("withdraw funds", (.financial, .phraseDecides, "withdraws funds")),
        ("make ~2 payment", (.financial, .phraseNamesExactly, "makes a payment")),
        ("initiate ~2 payment", (.financial, .phraseNamesExactly, "initiates a payment")),
        ("initiates ~2 payment", (.financial, .phraseNamesExactly, "initiates a payment")),
        ("process ~2 payment", (.financial, .phraseNames, "processes a payment")),
        ("capture ~2 payment", (.financial, .phraseNamesExactly, "captures a payment")),
        ("buy or sell", (.financial, .phraseStatesPlainly, "buys or sells")),
        ("close ~2 position", (.financial, .phraseStatesPlainly, "closes a trading position")),
        ("closes ~2 position", (.financial, .phraseStatesPlainly, "closes a trading position")),
        ("liquidate", (.financial, .phraseStatesPlainly, "liquidates holdings")),
        ("is|are|be billed|charged", (.financial, .phraseNames, "says the call is billed")),
        ("incurs ~2 charges|costs|fees", (.financial, .phraseNames, "says the call incurs charges")),
        // A pay-per-call service states its price: every call spends the caller's money ("Costs 150 sats via Lightning").
        ("costs|cost 0*|1*|2*|3*|4*|5*|6*|7*|8*|9* ~1 sats|satoshis|msats|usdc|usdt|usd|cents|eur", (.financial, .phraseDecides, "states what each call costs: the call pays")),
        ("costs|charges 0*|1*|2*|3*|4*|5*|6*|7*|8*|9* ~2 per call|request|query|invocation", (.financial, .phraseDecides, "states what each call costs: the call pays")),
        ("liquidates", (.financial, .phraseStatesPlainly, "liquidates holdings")),
    ])

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
                .evidence(#"{"name": "x", "description": "Removes the record. This cannot be undone."}"#, at: "/description", .destructive),
                .evidence(#"{"name": "x", "description": "Run a shell command on the host."}"#, at: "/description", .execute),
                .evidence(#"{"name": "run_simulation", "description": "Run a simulation. Sends test webhook events."}"#, at: "/description", .execute),
                .evidence(#"{"name": "x", "description": "Places a limit order for the given symbol."}"#, at: "/description", .financial),
                .passes(#"{"name": "x", "description": "This does not permanently delete anything."}"#),
                .passes(#"{"name": "x", "description": "Lists past charges and refunds for a customer."}"#),
                .evidence(#"{"name": "translate", "description": "Translates text. Costs 150 sats via Lightning."}"#, at: "/description", .financial),
                .passes(#"{"name": "estimate", "description": "Estimates what a job costs in USDC."}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        let prose = tool.prose
        var hits: [EvidenceHit] = []
        var seen: Set<Int> = []
        let noRealMoney = tool.movesNoRealMoney
        for m in prose.hits(Self.phrases) where m.to < prose.proseEnd {
            let negated = prose.contains(DescriptionVerbRule.negations, in: max(0, m.from - 3)..<m.from)
            guard !negated, seen.insert(m.pattern).inserted else { continue }
            let (category, weight, reason) = Self.phrases.payloads[m.pattern]
            if category == .financial && noRealMoney { continue }
            hits.append(EvidenceHit(category, weight, at: tool.descriptionPointer, quote: prose.quote(m.from, m.to), reason: "the description \(reason)"))
        }
        return hits
    }
}
