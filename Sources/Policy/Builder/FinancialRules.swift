import JSON
import Risk

/// Rules for a financial tool that takes an amount: a per-call ceiling and a daily total, so an
/// agent can still make small payments. Without an amount there is nothing to bound: the caller
/// denies the tool instead.
enum FinancialRules {
    /// The tool's policy, or nil when it has no usable amount argument (or the profile allows none).
    static func policy(for tool: ToolAssessment, schema: JSONValue?, settings: ProfileSettings) -> ToolPolicy? {
        guard let limits = settings.amountLimits, let (name, property) = amountParameter(schema),
              SchemaConditions.isAddressable(name) else { return nil }
        let minorUnits = isInMinorUnits(name: name, property: property)
        let scale = minorUnits ? 100 : 1
        let ceiling = limits.perCall * scale
        let daily = limits.perDay * scale
        let units = minorUnits ? " (the amount is in minor units, e.g. cents)" : ""
        var policy = ToolPolicy(name: tool.name, category: tool.category)
        // The amount's own schema bounds join the ceiling rule, which requires the amount anyway.
        let derived = SchemaConditions(schema: schema, skipping: [name])
        let amountBounds = SchemaConditions.constraints(name: name, property: property)
        policy.notes += amountBounds.notes
        policy.notes += derived.notes
        if !derived.conditions.isEmpty { policy.rules.append(Reasons.argumentRule(derived.conditions)) }
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
            onDeny: "Daily total of \(daily)\(units) reached; further payments require human approval."))
        if !SchemaConditions.requiredNames(schema).contains(name) {
            policy.notes.append("\(SchemaConditions.quoted(name)) is optional; calls that omit it (e.g. a full refund) are denied")
        }
        policy.notes.append("ceilings are starting points in the tool's own units; adjust them to the business")
        return policy
    }

    /// The amount parameter: `amount`, `amount_cents`, `total_amount`… of numeric (or unstated) type.
    static func amountParameter(_ schema: JSONValue?) -> (String, JSONValue)? {
        guard let properties = schema?["properties"]?.objectValue else { return nil }
        for (name, property) in properties.members {
            let lower = name.lowercased()
            guard lower == "amount" || lower.hasPrefix("amount_") || lower.hasSuffix("_amount") || lower.hasPrefix("amountin") else { continue }
            let type = property["type"]?.stringValue
            if type == nil || type == "number" || type == "integer" { return (name, property) }
        }
        return nil
    }

    /// True when the name or description says the amount is in cents or minor units.
    static func isInMinorUnits(name: String, property: JSONValue) -> Bool {
        let text = (name + " " + (property["description"]?.stringValue ?? "")).lowercased()
        return ["cent", "minor unit", "smallest currency unit", "subunit", "pence", "kobo", "pesewa", "satoshi"].contains { text.contains($0) }
    }
}
