import JSON

/// A verb acting on a money object: `create_refund`, `place_order`, `cancel_order_by_id`, "Creates a payment intent".
struct MoneyMovementRule: ToolRule {
    static let id = "money-movement"

    /// Verbs that move money when their object is money (`create_refund`, but not `create_issue`).
    static let moneyVerbs: Set<String> = [
        "create", "place", "submit", "make", "initiate", "send", "issue", "process", "execute", "confirm", "capture",
        "cancel", "replace", "close", "modify", "finalize", "finalise", "pay", "void", "exercise", "open", "liquidate",
        "settle", "authorize", "authorise", "approve", "book", "request", "start", "new", "post", "edit", "amend",
        "update", "set", "exit", "flatten", "reverse", "transfer", "wire", "move", "deposit", "withdraw", "swap", "checkout",
    ]
    /// Objects that are money whatever the server (`refund`, `payment`, `payout`).
    static let moneyObjects: Set<String> = [
        "payment", "payments", "refund", "refunds", "payout", "payouts", "charge", "charges", "checkout", "funds",
        "money", "withdrawal", "withdrawals", "remittance", "wire", "donation", "purchase", "bet", "wager", "payroll",
        "cart", "basket", "cryptocurrency", "bitcoin", "btc", "eth", "ether", "sol", "usdc", "usdt", "sats",
        "satoshi", "satoshis", "lamports", "wei", "gwei",
    ]
    /// Objects that are money only on a server that talks about money (`order`, `position`, `subscription`).
    static let contextualObjects: Set<String> = [
        "order", "orders", "position", "positions", "subscription", "subscriptions", "trade", "trades", "transfer",
        "transfers", "transaction", "transactions", "swap", "gtt", "bracket", "oco", "token", "tokens", "coin", "coins",
        "shares", "stock", "stocks",
    ]
    /// Verbs that make an invoice money (sending or paying it; creating a draft is a write). A recurring
    /// invoice bills by itself, so any verb on it counts.
    static let invoiceVerbs: Set<String> = ["send", "finalize", "finalise", "pay", "void", "issue", "charge", "collect", "publish"]
    /// Words between a verb and its money object that make the act a preview (`create a preview of an order`).
    static let previewWords: Set<String> = ["preview", "draft", "quote", "estimate", "simulation", "simulate", "test", "dry"]
    /// Words that end a verb's object.
    static let objectEnds: Set<String> = ["for", "about", "when", "whenever", "if", "that", "which", "so", "whose"]
    /// Words that make a contextual object money: prices, amounts, trading.
    static let moneyContext: Set<String> = [
        "price", "prices", "amount", "currency", "qty", "quantity", "notional", "shares", "stock", "stocks", "crypto",
        "market", "side", "buy", "sell", "payment", "billing", "card", "usd", "eur", "fee", "fees", "cost", "balance",
        "funds", "money", "trading", "broker", "brokerage", "portfolio", "limit_price", "stop_price", "invoice",
        "customer", "plan", "subtotal", "tax", "refund", "bid", "ask", "ticker", "symbol", "options", "option", "wallet",
        "lamports", "wei", "solana", "ethereum", "blockchain",
    ]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Verb acting on money", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A verb that creates, places, cancels or closes a money object (refund, payment, order, position) argues for financial.",
            rationale: """
            `create` alone is a write, but `create_refund`, `create_payment_intent` and `place_order` move money.
            Some objects are always money (payment, refund, payout, charge); others (order, position, subscription,
            invoice, transaction) only on a server whose tool speaks of prices, amounts, quantities or trading.
            Reading money (`list_charges`, `get_orders`) is read: only verbs that act count.
            """,
            examples: [
                .triggers(#"{"name": "create_refund", "description": "Create a refund for a charge."}"#, at: "/name"),
                .triggers(#"{"name": "place_order", "inputSchema": {"type": "object", "properties": {"symbol": {"type": "string"}, "qty": {"type": "number"}}}}"#, at: "/name"),
                .triggers(#"{"name": "x", "description": "Cancels an open order.", "inputSchema": {"type": "object", "properties": {"limit_price": {"type": "number"}}}}"#, at: "/description"),
                .passes(#"{"name": "list_charges", "description": "List all charges."}"#),
                .passes(#"{"name": "cancel_subscription", "description": "Unsubscribe an endpoint from an SNS topic."}"#),
            ])
    }

    /// The first money object among `words` when `verb` moves money, given the server's words.
    static func moneyObject(verb: String, category: Category, in words: some Sequence<String>, server: Set<String>) -> String? {
        guard moneyVerbs.contains(verb) || invoiceVerbs.contains(verb) || category == .financial else { return nil }
        let moneyServer = !server.isDisjoint(with: moneyContext)
        let list = Array(words)
        if invoiceVerbs.contains(verb) || list.contains("recurring"), let invoice = list.first(where: { $0 == "invoice" || $0 == "invoices" }) { return invoice }
        return list.first { moneyObjects.contains($0) || (moneyServer && contextualObjects.contains($0)) }
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        var hits: [RuleHit] = []
        // In the name: the leading verb and the words after it.
        let reading = tool.nameReading
        let nameWords = tool.nameTokens.words
        // The object follows the verb (`create_refund`) or, in a dotted name, precedes it (`refunds.create`).
        if let lead = reading.leading,
           let object = Self.moneyObject(verb: lead.base, category: lead.entry.category,
                                         in: nameWords.indices.filter { $0 > lead.position || nameWords[$0].segment < nameWords[lead.position].segment }.map { nameWords[$0].text },
                                         server: tool.serverVocabulary) {
            hits.append(.evidence(.financial, weight: 75, at: tool.namePointer, quote: "\(lead.word) … \(object)",
                                  reason: "'\(lead.base)' acts on '\(object)': money moves"))
        }
        // In the description: the opening verb, or any later verb of the first sentence unless the opening
        // one reads ("Retrieves the open position" reads; "Execute the panic button to cancel all orders" does not).
        let words = tool.prose.words
        let first = tool.prose.firstSentence
        var sawLead = false
        for i in first where !DescriptionVerbRule.fillers.contains(words[i].text) {
            guard let (base, entry) = VerbLexicon.verbs.lookup(words[i].text) else { continue }
            if !sawLead {
                sawLead = true
                if entry.category == .read { break }
            }
            // The object ends at a clause or a purpose: "a webhook for payment notifications" is no payment.
            let end = (i + 1..<min(first.upperBound, i + 9)).first { Self.objectEnds.contains(words[$0].text) } ?? min(first.upperBound, i + 9)
            let window = (i + 1)..<end
            let windowWords = window.map { words[$0].text }
            if let object = Self.moneyObject(verb: base, category: entry.category, in: windowWords, server: tool.serverVocabulary),
               let j = window.first(where: { words[$0].text == object }),
               !windowWords.prefix(j - i).contains(where: Self.previewWords.contains) {
                hits.append(.evidence(.financial, weight: 75, at: tool.descriptionPointer, quote: tool.prose.quote(i, j),
                                      reason: "the description's verb '\(base)' acts on '\(words[j].text)': money moves"))
                break
            }
        }
        return hits
    }
}
