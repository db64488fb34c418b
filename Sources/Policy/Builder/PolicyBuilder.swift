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

    /// What one tool gets. The facts come from the assessment: its category and evidence, its
    /// actions, and its declared inputs as `Risk` resolved them (resolved here from the raw tool only
    /// when the assessment was built without them).
    private func decide(_ tool: ToolAssessment, raw: JSONValue?, findings: [Finding]) -> Decision {
        let index = tool.pointer.tokens.count == 2 ? Int(tool.pointer.tokens[1]) ?? 0 : 0
        let inputs = tool.inputs ?? raw.map { ToolInputs(tool: $0, index: index) } ?? ToolInputs(inputs: [])
        let runnable = tool.category >= .execute || tool.actions.contains { $0.category == .execute }
            ? RunnableInput.find(tool, inputs: inputs) : []
        if !tool.severityRaisedBy.isEmpty {
            return apply(settings.raisedByFinding, to: tool, inputs: inputs, reason: Reasons.finding(tool, findings: findings))
        }
        var notes: [String] = []
        if !tool.actions.isEmpty {
            switch ActionGate.find(tool, inputs: inputs) {
            case .success(let gate): return multiAction(tool, gate: gate, inputs: inputs, runnable: runnable)
            case .failure(let refusal): notes.append(refusal.note)
            }
        }
        if tool.category == .financial, profile != .strict, var policy = FinancialRules.policy(for: tool, inputs: inputs, settings: settings) {
            policy.notes = [Self.evidenceNote(tool)] + notes + policy.notes
            return .listed(policy)
        }
        let treatment = settings.treatment(for: tool.category, runnable: !runnable.isEmpty)
        let reason: String
        if tool.category == .execute, !runnable.isEmpty, treatment == .deny, profile == .recommended {
            reason = Reasons.runnable(tool, runnable)
        } else if profile == .strict, treatment == .deny {
            reason = Reasons.strict(tool)
        } else {
            reason = Reasons.category(tool)
        }
        var decision = apply(treatment, to: tool, inputs: inputs, reason: reason)
        if case .listed(var policy) = decision {
            policy.notes.insert(contentsOf: notes, at: 1)
            decision = .listed(policy)
        }
        return decision
    }

    /// The tool's strongest evidence as a comment, so even an allowed tool says why it is allowed.
    static func evidenceNote(_ tool: ToolAssessment) -> String {
        Reasons.evidence(tool.evidence, category: tool.category)
    }

    /// A whole-tool treatment as rules (or hiding).
    private func apply(_ treatment: Treatment, to tool: ToolAssessment, inputs: ToolInputs, reason: String) -> Decision {
        var policy = ToolPolicy(name: tool.name, category: tool.category, notes: [Self.evidenceNote(tool)])
        switch treatment {
        case .hide:
            return .hidden(reason)
        case .deny:
            policy.rules = [PolicyRule(name: "requires approval", kind: .deny, onDeny: reason)]
        case .allow:
            break
        case .limit(let max, let window):
            policy.rules.append(Reasons.rateLimit(max: max, window: window, category: tool.category, evidence: tool.evidence))
            if tool.category >= .execute { addSchemaRule(to: &policy, tool: tool, inputs: inputs, skipping: []) }
        }
        return .listed(policy)
    }

    /// Read actions allowed, write actions limited, the rest denied by a condition on the declared
    /// action input. Intercept has no per-action counters, so the tool is limited at the strictest
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
    private func multiAction(_ tool: ToolAssessment, gate: ActionGate, inputs: ToolInputs, runnable: [RunnableInput]) -> Decision {
        let parameter = gate.input.name
        var allowed: [ActionAssessment] = []
        var denied: [ActionAssessment] = []
        var strictest: Treatment = .allow
        for action in gate.actions {
            var t = settings.treatment(for: action.category, runnable: !runnable.isEmpty)
            // Half a tool cannot be hidden, and amount ceilings are per tool, not per action.
            if t == .hide || action.category == .financial { t = .deny }
            if t.permitsCalls { allowed.append(action) } else { denied.append(action) }
            if let perDay = t.callsPerDay, perDay < (strictest.callsPerDay ?? .max) { strictest = t }
        }
        var deniedReason = Reasons.actions(tool, denied: denied)
        if profile == .recommended, !runnable.isEmpty, denied.contains(where: { $0.category == .execute }) {
            deniedReason += " " + Reasons.runnable(tool, runnable, action: denied.first { $0.category == .execute }?.value)
        }
        guard !allowed.isEmpty, SchemaConditions.isAddressable(parameter) else {
            var reason = deniedReason
            if !SchemaConditions.isAddressable(parameter) {
                reason = "Its action argument \(SchemaConditions.quoted(parameter)) cannot be named in a policy path. " + reason
            }
            let whole = settings.treatment(for: tool.category, runnable: !runnable.isEmpty)
            return apply(whole.permitsCalls ? .deny : whole, to: tool, inputs: inputs, reason: reason)
        }
        var policy = ToolPolicy(name: tool.name, category: tool.category, notes: [Self.evidenceNote(tool)])
        let values = allowed.map { JSONValue.string($0.value) }
        let declaredAt = "declared by input \(SchemaConditions.quoted(parameter)) at \(gate.input.pointer)"
        var onDeny = denied.isEmpty
            ? "Only the actions the tool declares are allowed: \(allowed.map(\.value).joined(separator: ", ")) (\(declaredAt))."
            : deniedReason + " Allowed: \(allowed.map(\.value).joined(separator: ", ")) (\(declaredAt))."
        // Declared values the assessment gave no verdict on stay outside the allowlist: say so.
        if !gate.unassessed.isEmpty {
            let list = gate.unassessed.prefix(20).map(Reasons.clip).joined(separator: ", ")
            onDeny += " Unclassified actions are denied too: \(list)."
            policy.notes.append("actions without a classification are denied: \(list)")
        }
        policy.rules.append(PolicyRule(name: "allowed actions",
                                       kind: .require([PolicyCondition(path: "args.\(parameter)", op: .in, value: .array(values))]),
                                       onDeny: onDeny))
        if !gate.input.isRequired {
            policy.notes.append("the action argument \(SchemaConditions.quoted(parameter)) is optional in the schema; calls that omit it are denied")
        }
        if case .limit(let max, let window) = strictest {
            let category = allowed.map(\.category).max() ?? .write
            let evidence = allowed.filter { $0.category == category }.flatMap(\.evidence)
            policy.rules.append(Reasons.rateLimit(max: max, window: window, category: category, evidence: evidence))
        }
        addSchemaRule(to: &policy, tool: tool, inputs: inputs, skipping: [parameter])
        return .listed(policy)
    }

    private func addSchemaRule(to policy: inout ToolPolicy, tool: ToolAssessment, inputs: ToolInputs, skipping: Set<String>) {
        let derived = SchemaConditions(inputs: inputs, skipping: skipping)
        policy.notes += derived.notes
        if !derived.conditions.isEmpty { policy.rules.append(Reasons.argumentRule(derived.conditions, tool: tool)) }
    }

    /// The policy for a reviewed server (its name and raw tools).
    public func build(assessment: ServerAssessment, server: ReviewedServer) -> PolicyDocument {
        build(assessment: assessment, tools: server.tools, serverName: server.name)
    }

    /// The raw tool JSON an assessment points at (`/tools/N`), else the first with its name.
    public static func rawTool(for tool: ToolAssessment, in tools: [JSONValue]) -> JSONValue? {
        let tokens = tool.pointer.tokens
        if tokens.count == 2, tokens[0] == "tools", let i = Int(tokens[1]), tools.indices.contains(i),
           tools[i]["name"]?.stringValue == tool.name {
            return tools[i]
        }
        return tools.first { $0["name"]?.stringValue == tool.name }
    }
}
