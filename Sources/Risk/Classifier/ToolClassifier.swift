import JSON

/// The classification of one tool from capability evidence, before findings and signals.
public struct ToolVerdict: Sendable, Hashable {
    /// The category (the most dangerous action's, for multi-action tools).
    public var category: Category
    /// How sure.
    public var confidence: Confidence
    /// The evidence, strongest first.
    public var evidence: [Evidence]
    /// Per-action verdicts.
    public var actions: [ActionAssessment]
    /// Score per category from the evidence outside actions.
    public var scores: [Category: Int]
}

/// Combines capability rule hits into a category per tool and per action.
public struct ToolClassifier: Sendable {
    /// The capability rules used.
    public let rules: [any Rule]
    /// Those of `rules` that read one tool, in order, with their ids: found once, as the cast and many
    /// rules' computed descriptions would otherwise cost on every tool.
    private let toolRules: [(id: String, rule: any ToolRule)]

    /// A classifier over `rules` (only capability rules are used).
    public init(rules: [any Rule] = BuiltinRules.capability) {
        self.rules = rules.filter { $0.description.kind == .capability }
        self.toolRules = self.rules.compactMap { rule in (rule as? any ToolRule).map { (rule.description.id, $0) } }
    }

    /// Hits of the capability rules that cannot look at a single tool, by tool index.
    func serverHits(_ server: ReviewedServer) -> [Int: [(String, RuleHit)]] {
        var out: [Int: [(String, RuleHit)]] = [:]
        for rule in rules where !(rule is any ToolRule) {
            for hit in rule.check(server) {
                guard let index = Locator.toolIndex(of: hit.pointer) else { continue }
                out[index, default: []].append((rule.description.id, hit))
            }
        }
        return out
    }

    /// `tool` with the hits of every capability tool rule recorded, so later classifications reuse them.
    func withCapabilityHits(_ tool: AnalyzedTool) -> AnalyzedTool {
        var tool = tool
        for (id, toolRule) in toolRules { tool.capabilityHits[id] = toolRule.hits(in: tool) }
        return tool
    }

    /// Classifies one tool.
    public func classify(_ tool: AnalyzedTool, extraHits: [(String, RuleHit)] = []) -> ToolVerdict {
        var hits = extraHits
        for (id, toolRule) in toolRules {
            hits += (tool.capabilityHits[id] ?? toolRule.hits(in: tool)).map { (id, $0) }
        }
        var general: [Evidence] = []
        var byAction: [(value: String, parameter: String, evidence: [Evidence])] = []
        for (ruleId, hit) in hits {
            guard case .capability(let category, let weight) = hit.effect else { continue }
            let e = Evidence(ruleId: ruleId, category: category, weight: weight, quote: hit.quote, pointer: hit.pointer, reason: hit.message)
            if ruleId == ActionEnumRule.id {
                let parameter = Locator.parameterName(of: hit.pointer) ?? "action"
                if let i = byAction.firstIndex(where: { $0.value == hit.quote && $0.parameter == parameter }) {
                    byAction[i].evidence.append(e)
                } else {
                    byAction.append((hit.quote, parameter, [e]))
                }
            } else {
                general.append(e)
            }
        }
        let hasDescription = !tool.description.isEmpty
        let decision = CategoryDecision(general, hasDescription: hasDescription)
        let actions = byAction.map { a -> ActionAssessment in
            let d = CategoryDecision(a.evidence, hasDescription: true)
            return ActionAssessment(value: a.value, parameter: a.parameter, category: d.category, severity: d.category.baseSeverity, evidence: Evidence.ordered(a.evidence))
        }
        var category = decision.category
        var confidence = decision.confidence
        var evidence = general
        if let worst = actions.max(by: { $0.category < $1.category }) {
            if general.isEmpty || worst.category > category {
                category = worst.category
                confidence = general.isEmpty ? .medium : max(confidence, .medium)
            }
            evidence += actions.flatMap(\.evidence)
        }
        return ToolVerdict(category: category, confidence: confidence, evidence: Evidence.ordered(evidence), actions: actions, scores: decision.scores)
    }
}

extension Evidence {
    /// Strongest first; ties by pointer, then quote, so output is stable.
    static func ordered(_ list: [Evidence]) -> [Evidence] {
        list.sorted { a, b in
            if a.weight != b.weight { return a.weight > b.weight }
            if a.pointer != b.pointer { return Locator.precedes(a.pointer, b.pointer) }
            if a.quote != b.quote { return a.quote < b.quote }
            return a.ruleId < b.ruleId
        }
    }
}
