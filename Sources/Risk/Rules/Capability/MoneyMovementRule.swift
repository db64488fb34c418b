import JSON

/// A verb acting on a money object: `create_refund`, `place_order`, `cancel_order_by_id`, "Creates a payment intent".
struct MoneyMovementRule: CapabilityRule {
    static let id = "money-movement"

    /// Verbs that move money when their object is money (`create_refund`, but not `create_issue`).
    static let moneyVerbs: Set<String> = [
        "create", "place", "submit", "make", "initiate", "send", "issue", "process", "execute", "confirm", "capture",
        "cancel", "replace", "close", "modify", "finalize", "finalise", "pay", "void", "exercise", "open", "liquidate",
        "settle", "authorize", "authorise", "approve", "book", "request", "start", "new", "post", "edit", "amend",
        "update", "set", "exit", "flatten", "reverse", "transfer", "wire", "move", "deposit", "withdraw", "swap", "checkout",
        "activate", "reactivate", "pause", "resume", "change", "upgrade", "downgrade", "email", "convert", "init", "initialize",
    ]
    /// Objects that are money whatever the server (`refund`, `payment`, `payout`).
    static let moneyObjects: WordSet = [
        "payment", "payments", "refund", "refunds", "payout", "payouts", "charge", "charges", "checkout", "funds",
        "money", "withdrawal", "withdrawals", "remittance", "wire", "donation", "purchase", "bet", "wager", "payroll",
        "cart", "basket", "cryptocurrency", "bitcoin", "btc", "eth", "ether", "sol", "usdc", "usdt", "sats",
        "satoshi", "satoshis", "lamports", "wei", "gwei",
    ]
    /// Objects that are money only on a server that talks about money (`order`, `position`, `subscription`).
    static let contextualObjects: WordSet = [
        "order", "orders", "position", "positions", "subscription", "subscriptions", "trade", "trades", "transfer",
        "transfers", "transaction", "transactions", "swap", "gtt", "bracket", "oco", "token", "tokens", "coin", "coins",
        "shares", "stock", "stocks", "spend", "discount", "discounts", "hold", "holds",
    ]
    /// Billing documents: creating, changing, sending or voiding one is financial on any server.
    static let billingDocuments: WordSet = ["invoice", "invoices", "bill", "bills", "credit", "creditnote", "creditnotes"]
    /// Verbs that act on money even when they are not money verbs of their own (sending or paying an invoice).
    static let invoiceVerbs: Set<String> = ["send", "finalize", "finalise", "pay", "void", "issue", "charge", "collect", "publish", "trigger"]
    /// Words between a verb and its money object that make the act a preview (`create a preview of an order`).
    static let previewWords: WordSet = ["preview", "draft", "quote", "estimate", "simulation", "simulate", "test", "dry"]
    /// Words that end a verb's object.
    static let objectEnds: WordSet = ["for", "about", "when", "whenever", "if", "that", "which", "so", "whose", "to"]
    /// Words that make a contextual object money: prices, amounts, trading.
    static let moneyContext: WordSet = [
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
                .evidence(#"{"name": "create_refund", "description": "Create a refund for a charge."}"#, at: "/name", .financial),
                .passes(#"{"name": "get_fills", "description": "Executed trades (fills) for the account, newest first."}"#),
                .evidence(#"{"name": "place_order", "inputSchema": {"type": "object", "properties": {"symbol": {"type": "string"}, "qty": {"type": "number"}}}}"#, at: "/name", .financial),
                .evidence(#"{"name": "refund_create", "description": "Refund an operation, fully or in part."}"#, at: "/name", .financial),
                .evidence(#"{"name": "acquiring_payment_capture", "description": "Captures an authorised card payment."}"#, at: "/name", .financial),
                .evidence(#"{"name": "hold_confirm", "description": "Confirm a two-stage payment: the amount held on the card is charged.", "inputSchema": {"type": "object", "properties": {"amount": {"type": "number"}}}}"#, at: "/name", .financial),
                .evidence(#"{"name": "trigger_invoice", "description": "Trigger issuing of an e-invoice that was created earlier."}"#, at: "/description", .financial),
                .evidence(#"{"name": "x", "description": "Cancels an open order.", "inputSchema": {"type": "object", "properties": {"limit_price": {"type": "number"}}}}"#, at: "/description", .financial),
                .passes(#"{"name": "list_charges", "description": "List all charges."}"#),
                .passes(#"{"name": "move_nat_rule", "description": "Moves a NAT rule to a different position.", "inputSchema": {"type": "object", "properties": {"price": {"type": "number"}}}}"#),
                .passes(#"{"name": "place_order", "description": "Place an order on the paper trading account.", "inputSchema": {"type": "object", "properties": {"qty": {"type": "number"}, "side": {"type": "string"}}}}"#),
                .passes(#"{"name": "cancel_subscription", "description": "Unsubscribe an endpoint from an SNS topic."}"#),
            ])
    }


    /// The money object among `words` that `verb` acts on, if the verb acts on money: always-money objects,
    /// invoices after an invoicing verb (or with `recurring`), contextual ones on a money server. Returns
    /// its position in `words`.
    static func moneyObject(verb: String, category: Category, in words: [UInt64], server: Set<UInt64>) -> Int? {
        guard moneyVerbs.contains(verb) || invoiceVerbs.contains(verb) || category == .financial else { return nil }
        let moneyServer = moneyContext.intersects(server)
        return words.firstIndex { moneyObjects.contains($0) || billingDocuments.contains($0) || (moneyServer && contextualObjects.contains($0)) }
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        // Paper trading and backtests move no money (they are reads, or writes when they store something).
        guard !tool.movesNoRealMoney else { return [] }
        var hits: [EvidenceHit] = []
        // In the name: the leading verb and the words after it.
        let reading = tool.nameReading
        let name = tool.nameWords
        let nameWords = name.words
        // The object follows the verb (`create_refund`) or, in a dotted name or when the verb closes the name
        // (`refunds.create`, `refund_create`, `payment_capture`), precedes it.
        if let lead = reading.leading {
            let segment = nameWords[lead.position].segment
            let closes = !nameWords.indices.contains { $0 > lead.position && nameWords[$0].segment == segment }
            let candidates = nameWords.indices.filter { $0 > lead.position || nameWords[$0].segment < segment || (closes && $0 < lead.position) }
            if let k = Self.moneyObject(verb: lead.base, category: lead.entry.category, in: candidates.map { nameWords[$0].hash }, server: tool.serverVocabulary) {
                let object = name.text(candidates[k])
                hits.append(EvidenceHit(.financial, .moneyMoves, at: tool.namePointer, quote: "\(lead.word) … \(object)",
                                        reason: "'\(lead.base)' acts on '\(object)': money moves"))
            }
        }
        // In the description: the opening verb, or any later verb of the first sentence unless the opening
        // one reads ("Retrieves the open position" reads; "Execute the panic button to cancel all orders" does not).
        let prose = tool.prose
        let first = prose.firstSentence
        var sawLead = false
        for i in first where !prose.word(i, in: DescriptionVerbRule.fillers) {
            guard let m = VerbLexicon.verbs.lookup(prose, i) else { continue }
            // A past participle names what was done ("Executed trades", "Closed / cancelled orders"): a list of
            // records, not an act.
            if prose.words[i].flags.contains(.ascii), case let written = prose.text(i), written.count > 4, written.hasSuffix("ed") { continue }
            if !sawLead {
                sawLead = true
                if m.entry.category == .read { break }
            }
            // The object ends at a clause or a purpose: "a webhook for payment notifications" is no payment.
            let end = prose.first(in: Self.objectEnds, from: i + 1, to: min(first.upperBound, i + 9)) ?? min(first.upperBound, i + 9)
            let window = (i + 1)..<end
            let windowWords = prose.words[window].map(\.hash)
            if let k = Self.moneyObject(verb: m.base, category: m.entry.category, in: windowWords, server: tool.serverVocabulary),
               case let j = window.lowerBound + k, !prose.contains(Self.previewWords, in: window.lowerBound..<j) {
                hits.append(EvidenceHit(.financial, .moneyMoves, at: tool.descriptionPointer, quote: prose.quote(i, j),
                                        reason: "the description's verb '\(m.base)' acts on '\(prose.text(j))': money moves"))
                break
            }
        }
        return hits
    }
}
