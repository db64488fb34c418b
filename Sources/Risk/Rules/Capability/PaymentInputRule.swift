import JSON

/// Inputs that describe a payment or a trade: `amount` with `currency`, `payment_method`, `quantity` with `side`.
struct PaymentInputRule: CapabilityRule {
    static let id = "payment-input"

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Inputs of a payment or a trade", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "An amount with a currency, a payment method, or a quantity with a buy/sell side argue for financial.",
            rationale: """
            A tool that takes what a payment or an order needs is likely to make one. One input alone is weak (`price`
            may filter a search); pairs are strong: `amount` + `currency`, `quantity`/`qty`/`notional` + `side`,
            `payment_method` on its own, and a `side` whose values are buy/sell. Read tools filter by these too, so
            a clear read verb in the name still wins.
            """,
            examples: [
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"amount": {"type": "integer"}, "currency": {"type": "string"}}}}"#, at: "/inputSchema/properties/amount", .financial),
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"qty": {"type": "number"}, "side": {"type": "string", "enum": ["buy", "sell"]}}}}"#, at: "/inputSchema/properties/side", .financial),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"currency": {"type": "string"}}}}"#),
            ])
    }

    private static let amounts: WordSet = ["amount", "notional"]
    private static let currencies: WordSet = ["currency"]
    private static let quantities: WordSet = ["qty", "quantity", "shares", "contracts"]
    private static let sides: WordSet = ["side"]
    private static let recipients: WordSet = ["to", "recipient", "destination", "payee", "beneficiary", "address"]
    private static let paymentMethod = WordSequence("payment method"), sourceToken = WordSequence("source token")

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        // Paper trading and backtests move no money (they are reads, or writes when they store something).
        guard !tool.movesNoRealMoney else { return [] }
        func find(_ names: WordSet) -> InputProperty? {
            tool.properties.first { p in p.lastWord(in: names) && p.depth <= 2 }
        }
        let amount = find(Self.amounts)
        let currency = find(Self.currencies)
        let quantity = find(Self.quantities)
        let side = find(Self.sides)
        let method = tool.properties.first { $0.nameEnds(with: Self.paymentMethod) || $0.name == "payment_method_id" || Self.sourceToken.equals($0.words) }
        if let side, side.enumValues.contains(where: { ["buy", "sell"].contains($0.value.lowercased()) }) {
            return [EvidenceHit(.financial, .tradeSideOrPaymentMethod, at: side.pointer, quote: side.name, reason: "input '\(side.path)' chooses buy or sell")]
        }
        if let method {
            return [EvidenceHit(.financial, .tradeSideOrPaymentMethod, at: method.pointer, quote: method.name, reason: "input '\(method.path)' names a payment method")]
        }
        let recipient = find(Self.recipients)
        if let amount, recipient != nil {
            return [EvidenceHit(.financial, .amountToRecipient, at: amount.pointer, quote: amount.name, reason: "inputs '\(amount.path)' and a recipient describe sending money")]
        }
        if let amount, currency != nil {
            return [EvidenceHit(.financial, .amountWithCurrency, at: amount.pointer, quote: amount.name, reason: "inputs '\(amount.path)' and a currency describe a payment")]
        }
        if let quantity, side != nil {
            return [EvidenceHit(.financial, .quantityWithSide, at: quantity.pointer, quote: quantity.name, reason: "inputs '\(quantity.path)' and a side describe a trade")]
        }
        if let amount {
            return [EvidenceHit(.financial, .amountAlone, at: amount.pointer, quote: amount.name, reason: "input '\(amount.path)' takes an amount")]
        }
        return []
    }
}
