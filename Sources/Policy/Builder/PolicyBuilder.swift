import JSON
import Risk

/// Turns a server's assessment into a starter policy: one entry per tool, enforced by category,
/// with multi-action tools gated by their action argument (see `PolicyProfile` for the table).
public struct PolicyBuilder: Sendable {
    /// The profile the policy follows.
    public var profile: PolicyProfile

    /// A builder for `profile`.
    public init(profile: PolicyProfile) { self.profile = profile }

    /// The policy for one server. `tools` are the tools' raw JSON (`ServerDefinitions.tools`),
    /// read for their input schemas; an assessment's `pointer` (`/tools/N`) picks the entry.
    public func build(assessment: ServerAssessment, tools: [JSONValue], serverName: String) -> PolicyDocument {
        var doc = PolicyDocument(serverName: serverName, profile: profile)
        var listedIndex: [String: Int] = [:]
        var hiddenNames = Set<String>()
        for tool in assessment.tools {
            if tool.name == "*" {
                doc.notes.append("a tool named \"*\" is left out: both formats read that name as every tool; default deny blocks it")
                continue
            }
            if listedIndex[tool.name] != nil || hiddenNames.contains(tool.name) {
                // Which of two same-named definitions the server runs is unknowable: deny the name.
                let reason = "The server lists more than one tool named \(SchemaConditions.quoted(tool.name)); which definition runs is unknown. Requires human approval."
                let rule = PolicyRule(name: "duplicate tool name", kind: .deny, onDeny: reason)
                if let i = listedIndex[tool.name] {
                    doc.tools[i].rules = [rule]
                    doc.tools[i].notes.append("listed more than once by the server")
                }
                continue
            }
            let raw = Self.rawTool(for: tool, in: tools)
            switch decide(tool, raw: raw, findings: assessment.findings) {
            case .listed(let policy):
                listedIndex[tool.name] = doc.tools.count
                doc.tools.append(policy)
            case .hidden(let reason):
                if tool.name.allSatisfy(\.isWhitespace) {
                    // Intercept refuses blank hide entries (validate.go `validateHide`): deny instead.
                    listedIndex[tool.name] = doc.tools.count
                    doc.tools.append(ToolPolicy(name: tool.name, category: tool.category,
                                                rules: [PolicyRule(name: "hidden tool", kind: .deny, onDeny: reason)]))
                } else {
                    hiddenNames.insert(tool.name)
                    doc.hidden.append(HiddenTool(name: tool.name, reason: reason))
                }
            }
        }
        return doc
    }

    enum Decision { case listed(ToolPolicy), hidden(String) }

    private var settings: ProfileSettings { ProfileSettings(profile: profile) }

    private func decide(_ tool: ToolAssessment, raw: JSONValue?, findings: [Finding]) -> Decision {
        let schema = raw?["inputSchema"]
        if !tool.severityRaisedBy.isEmpty {
            return apply(settings.raisedByFinding, to: tool, schema: schema, reason: Reasons.finding(tool, findings: findings))
        }
        if !tool.actions.isEmpty { return multiAction(tool, schema: schema) }
        if tool.category == .financial, profile != .strict, let policy = FinancialRules.policy(for: tool, schema: schema, settings: settings) {
            return .listed(policy)
        }
        return apply(settings.treatment(for: tool.category), to: tool, schema: schema, reason: Reasons.category(tool))
    }

    /// A whole-tool treatment as rules (or hiding).
    private func apply(_ treatment: Treatment, to tool: ToolAssessment, schema: JSONValue?, reason: String) -> Decision {
        var policy = ToolPolicy(name: tool.name, category: tool.category)
        switch treatment {
        case .hide:
            return .hidden(reason)
        case .deny:
            policy.rules = [PolicyRule(name: "requires approval", kind: .deny, onDeny: reason)]
        case .allow:
            break
        case .limit(let max, let window):
            policy.rules.append(Reasons.rateLimit(max: max, window: window, category: tool.category))
            if tool.category >= .execute { addSchemaRule(to: &policy, schema: schema, skipping: []) }
        }
        return .listed(policy)
    }

    /// Read actions allowed, write actions limited, the rest denied by a condition on the action
    /// argument. Intercept has no per-action counters, so the tool is limited at the strictest
    /// rate among the actions it may still call.
    ///
    /// Intercept's semantics (PolicyLayer/Intercept, internal/config/validate.go and
    /// internal/engine/engine.go): an `action: deny` rule may not have conditions ("deny rules must
    /// not have conditions"); an `evaluate` rule's conditions all have to hold for the call to be
    /// allowed, and a failing one denies with `on_deny`; a condition on an absent argument fails
    /// (only `exists` looks at absence). So the gate is an evaluate rule
    /// `args.<parameter> in [allowed actions]`: an allowlist, so an action value the schema never
    /// declared is denied too. PolicyLayer JSON can only say "deny if", so its writer turns the
    /// same condition into `deny_if: args.<parameter> not_in [allowed actions]`.
    private func multiAction(_ tool: ToolAssessment, schema: JSONValue?) -> Decision {
        let parameter = tool.actions[0].parameter
        var allowed: [ActionAssessment] = []
        var denied: [ActionAssessment] = []
        var strictest: Treatment = .allow
        for action in tool.actions where action.parameter == parameter {
            var t = settings.treatment(for: action.category)
            // Half a tool cannot be hidden, and amount ceilings are per tool, not per action.
            if t == .hide || action.category == .financial { t = .deny }
            if t.permitsCalls { allowed.append(action) } else { denied.append(action) }
            if let perDay = t.callsPerDay, perDay < (strictest.callsPerDay ?? .max) { strictest = t }
        }
        guard !allowed.isEmpty, SchemaConditions.isAddressable(parameter) else {
            var reason = Reasons.actions(tool, denied: denied)
            if !SchemaConditions.isAddressable(parameter) {
                reason = "Its action argument \(SchemaConditions.quoted(parameter)) cannot be named in a policy path. " + reason
            }
            let whole = settings.treatment(for: tool.category)
            return apply(whole.permitsCalls ? .deny : whole, to: tool, schema: schema, reason: reason)
        }
        var policy = ToolPolicy(name: tool.name, category: tool.category)
        let values = allowed.map { JSONValue.string($0.value) }
        var onDeny = denied.isEmpty
            ? "Only the actions the tool declares are allowed: \(allowed.map(\.value).joined(separator: ", "))."
            : Reasons.actions(tool, denied: denied) + " Allowed: \(allowed.map(\.value).joined(separator: ", "))."
        // Enum values the assessment gave no verdict on stay outside the allowlist: say so.
        let assessed = Set(tool.actions.map(\.value))
        let unassessed = (schema?["properties"]?[parameter]?["enum"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !assessed.contains($0) }
        if !unassessed.isEmpty {
            let list = unassessed.prefix(20).map(Reasons.clip).joined(separator: ", ")
            onDeny += " Unclassified actions are denied too: \(list)."
            policy.notes.append("actions without a classification are denied: \(list)")
        }
        policy.rules.append(PolicyRule(name: "allowed actions",
                                       kind: .require([PolicyCondition(path: "args.\(parameter)", op: .in, value: .array(values))]),
                                       onDeny: onDeny))
        if !SchemaConditions.requiredNames(schema).contains(parameter) {
            policy.notes.append("the action argument \(SchemaConditions.quoted(parameter)) is optional in the schema; calls that omit it are denied")
        }
        if case .limit(let max, let window) = strictest {
            policy.rules.append(Reasons.rateLimit(max: max, window: window, category: allowed.map(\.category).max() ?? .write))
        }
        addSchemaRule(to: &policy, schema: schema, skipping: [parameter])
        return .listed(policy)
    }

    private func addSchemaRule(to policy: inout ToolPolicy, schema: JSONValue?, skipping: Set<String>) {
        let derived = SchemaConditions(schema: schema, skipping: skipping)
        policy.notes += derived.notes
        if !derived.conditions.isEmpty { policy.rules.append(Reasons.argumentRule(derived.conditions)) }
    }

    /// The policy for a reviewed server (its name and raw tools).
    public func build(assessment: ServerAssessment, server: ReviewedServer) -> PolicyDocument {
        build(assessment: assessment, tools: server.tools, serverName: server.name)
    }

    /// The raw tool JSON an assessment points at (`/tools/N`), else the first with its name.
    static func rawTool(for tool: ToolAssessment, in tools: [JSONValue]) -> JSONValue? {
        let tokens = tool.pointer.tokens
        if tokens.count == 2, tokens[0] == "tools", let i = Int(tokens[1]), tools.indices.contains(i),
           tools[i]["name"]?.stringValue == tool.name {
            return tools[i]
        }
        return tools.first { $0["name"]?.stringValue == tool.name }
    }
}
