import JSON
import Risk

/// Rules for a financial tool that takes an amount: a per-call ceiling and a daily total, so an
/// agent can still make small payments. Without an amount there is nothing to bound: the caller
/// denies the tool instead.
enum FinancialRules {
    /// The tool's policy, or nil when it declares no usable amount input (or the profile allows none).
    static func policy(for tool: ToolAssessment, inputs: ToolInputs, settings: ProfileSettings) -> ToolPolicy? {
        guard let limits = settings.amountLimits, let amount = amountInput(inputs), SchemaConditions.isAddressable(amount.name) else { return nil }
        let name = amount.name
        let minorUnits = isInMinorUnits(amount)
        let scale = minorUnits ? 100 : 1
        let ceiling = limits.perCall * scale
        let daily = limits.perDay * scale
        let units = minorUnits ? " (the amount is in minor units, e.g. cents)" : ""
        var policy = ToolPolicy(name: tool.name, category: tool.category)
        // The amount's own schema bounds join the ceiling rule, which requires the amount anyway.
        let derived = SchemaConditions(inputs: inputs, skipping: [name])
        let amountBounds = SchemaConditions.constraints(amount)
        policy.notes += amountBounds.notes
        policy.notes += derived.notes
        if !derived.conditions.isEmpty { policy.rules.append(Reasons.argumentRule(derived.conditions, tool: tool)) }
        // A negative amount would lower the running total below what was really spent.
        policy.rules.append(PolicyRule(
            name: "amount ceiling",
            kind: .require([PolicyCondition(path: "args.\(name)", op: .exists, value: true),
                            PolicyCondition(path: "args.\(name)", op: .gte, value: 0),
                            PolicyCondition(path: "args.\(name)", op: .lte, value: .int(ceiling))] + amountBounds.conditions),
            onDeny: "A single call may move at most \(ceiling)\(units); larger amounts require human approval. "
                + "Financial tool (\(Reasons.evidence(tool.evidence, category: .financial)))."))
        policy.rules.append(PolicyRule(
            name: "daily amount total",
            kind: .runningTotal(counter: "daily_amount", argument: "args.\(name)", max: daily, window: .day,
                                hourlyCallCap: 1),
            onDeny: "Daily total of \(daily)\(units) reached; further payments require human approval. "
                + "(Amount input \(SchemaConditions.quoted(name)) at \(amount.pointer).)"))
        if !amount.isRequired {
            policy.notes.append("\(SchemaConditions.quoted(name)) is optional; calls that omit it (e.g. a full refund) are denied")
        }
        policy.notes.append("ceilings are starting points in the tool's own units; adjust them to the business")
        return policy
    }

    /// The amount input: a top-level `amount`, `amount_cents`, `total_amount`… of numeric (or unstated) type.
    static func amountInput(_ inputs: ToolInputs) -> ToolInputs.Input? {
        inputs.inputs.first { input in
            let lower = input.name.lowercased()
            guard input.isTopLevel,
                  lower == "amount" || lower.hasPrefix("amount_") || lower.hasSuffix("_amount") || lower.hasPrefix("amountin") else { return false }
            return input.types.isEmpty || Set(input.types).isSubset(of: ["number", "integer"])
        }
    }

    /// True when the name or description says the amount is in cents or minor units.
    static func isInMinorUnits(_ input: ToolInputs.Input) -> Bool {
        let text = (input.name + " " + (input.description ?? "")).lowercased()
        return ["cent", "minor unit", "smallest currency unit", "subunit", "pence", "kobo", "pesewa", "satoshi"].contains { text.contains($0) }
    }
}
