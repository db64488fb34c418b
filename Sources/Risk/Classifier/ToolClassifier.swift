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

/// Combines capability evidence into a category per tool and per action.
public struct ToolClassifier: Sendable {
    /// The capability rules used, with their ids (found once: a rule's description is built on demand).
    let rules: [(id: String, rule: any CapabilityRule)]

    /// A classifier over the capability rules among `rules`.
    public init(rules: [any Rule] = BuiltinRules.capability) {
        self.rules = rules.compactMap { rule in rule.role.capability.map { (rule.description.id, $0) } }
    }

    /// Every capability rule's evidence in `tool`, with the rule's id.
    func evidence(in tool: ToolContext) -> [Evidence] {
        var out: [Evidence] = []
        for (id, rule) in rules {
            for hit in rule.evidence(in: tool) {
                out.append(Evidence(ruleId: id, category: hit.category, weight: hit.weight, quote: hit.quote, pointer: hit.pointer, reason: hit.reason))
            }
        }
        return out
    }

    /// Classifies one tool.
    public func classify(_ tool: ToolContext) -> ToolVerdict { decide(evidence(in: tool), hasDescription: !tool.description.isEmpty) }

    /// The verdict of the definition alone: the tool's evidence without what its annotations claim, so
    /// the claims can be checked against it.
    func definitionVerdict(_ all: [Evidence], hasDescription: Bool) -> ToolVerdict {
        decide(all.filter { $0.ruleId != AnnotationHintRule.id }, hasDescription: hasDescription)
    }

    /// The verdict from evidence already gathered: the tool's own evidence decides its category, each
    /// action's evidence decides the action, and the tool takes its most dangerous action when that is worse.
    func decide(_ all: [Evidence], hasDescription: Bool) -> ToolVerdict {
        var general: [Evidence] = []
        var byAction: [(value: String, parameter: String, evidence: [Evidence])] = []
        for e in all {
            if e.ruleId == ActionEnumRule.id {
                let parameter = Locator.parameterName(of: e.pointer) ?? "action"
                if let i = byAction.firstIndex(where: { $0.value == e.quote && $0.parameter == parameter }) {
                    byAction[i].evidence.append(e)
                } else {
                    byAction.append((e.quote, parameter, [e]))
                }
            } else {
                general.append(e)
            }
        }
        let decision = CategoryDecision(general, hasDescription: hasDescription)
        let actions = byAction.map { a -> ActionAssessment in
            let d = CategoryDecision(a.evidence, hasDescription: true)
            return ActionAssessment(value: a.value, parameter: a.parameter, category: d.category, severity: d.category.baseSeverity, evidence: Evidence.ordered(a.evidence))
        }
        var category = decision.category
        var confidence = decision.confidence
        var evidence = general
        if let worst = actions.max(by: { $0.category < $1.category }) {
            // The tool does what its actions do: its own words decide only when they say something clearly
            // (a weak "manages X" says nothing an action list does not say better).
            let generalIsWeak = (decision.scores[decision.category] ?? 0) < Weight.actionsDecide.value
            if general.isEmpty || generalIsWeak || worst.category > category {
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
