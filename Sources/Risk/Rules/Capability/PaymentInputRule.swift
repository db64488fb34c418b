import JSON

/// Inputs that describe a payment or a trade: `amount` with `currency`, `payment_method`, `quantity` with `side`.
struct PaymentInputRule: ToolRule {
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
                .triggers(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"amount": {"type": "integer"}, "currency": {"type": "string"}}}}"#, at: "/inputSchema/properties/amount"),
                .triggers(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"qty": {"type": "number"}, "side": {"type": "string", "enum": ["buy", "sell"]}}}}"#, at: "/inputSchema/properties/side"),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"currency": {"type": "string"}}}}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        func find(_ names: Set<String>) -> InputProperty? {
            tool.properties.first { p in p.words.last.map(names.contains) == true && p.depth <= 2 }
        }
        let amount = find(["amount", "notional"])
        let currency = find(["currency"])
        let quantity = find(["qty", "quantity", "shares", "contracts"])
        let side = find(["side"])
        let method = tool.properties.first { $0.words.suffix(2) == ["payment", "method"] || $0.name == "payment_method_id" || $0.words == ["source", "token"] }
        if let side, side.enumValues.contains(where: { ["buy", "sell"].contains($0.value.lowercased()) }) {
            return [.evidence(.financial, weight: 55, at: side.pointer, quote: side.name, reason: "input '\(side.path)' chooses buy or sell")]
        }
        if let method {
            return [.evidence(.financial, weight: 55, at: method.pointer, quote: method.name, reason: "input '\(method.path)' names a payment method")]
        }
        let recipient = find(["to", "recipient", "destination", "payee", "beneficiary", "address"])
        if let amount, recipient != nil {
            return [.evidence(.financial, weight: 70, at: amount.pointer, quote: amount.name, reason: "inputs '\(amount.path)' and a recipient describe sending money")]
        }
        if let amount, currency != nil {
            return [.evidence(.financial, weight: 62, at: amount.pointer, quote: amount.name, reason: "inputs '\(amount.path)' and a currency describe a payment")]
        }
        if let quantity, side != nil {
            return [.evidence(.financial, weight: 50, at: quantity.pointer, quote: quantity.name, reason: "inputs '\(quantity.path)' and a side describe a trade")]
        }
        if let amount {
            return [.evidence(.financial, weight: 25, at: amount.pointer, quote: amount.name, reason: "input '\(amount.path)' takes an amount")]
        }
        return []
    }
}
