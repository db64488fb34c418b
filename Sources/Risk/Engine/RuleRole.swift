/// What the assessor runs a rule as: the kind of check it is (`CapabilityRule`, `SignalRule`,
/// `FindingRule`, `VerdictRule`), handed over by the rule itself (`Rule.role`) rather than found by a cast.
/// A dynamic cast to a protocol searches every conformance in the binary the first time a type meets that
/// protocol: four casts per rule cost milliseconds at every start.
public struct RuleRole: Sendable {
    /// The check, as its kind.
    enum Kind: Sendable {
        case capability(any CapabilityRule)
        case signal(any SignalRule)
        case finding(any FindingRule)
        case verdict(any VerdictRule)
        /// A rule of none of the assessor's kinds (one conforming to `Rule` alone).
        case none
    }

    /// The check, as its kind.
    let kind: Kind

    /// The rule as a capability rule, if it is one.
    var capability: (any CapabilityRule)? { if case .capability(let r) = kind { r } else { nil } }
    /// The rule as a signal rule, if it is one.
    var signal: (any SignalRule)? { if case .signal(let r) = kind { r } else { nil } }
    /// The rule as a finding rule, if it is one.
    var finding: (any FindingRule)? { if case .finding(let r) = kind { r } else { nil } }
    /// The rule as a verdict rule, if it is one.
    var verdict: (any VerdictRule)? { if case .verdict(let r) = kind { r } else { nil } }
}

extension Rule {
    /// None of the assessor's kinds: a rule conforming to `Rule` alone is not run.
    public var role: RuleRole { RuleRole(kind: .none) }
}

// Each kind hands itself over (the most specific extension wins, so a rule is its kind without a cast; a
// type of two kinds would not compile, as it could not say which it is).
extension CapabilityRule {
    /// A capability rule.
    var role: RuleRole { RuleRole(kind: .capability(self)) }
}

extension SignalRule {
    /// A signal rule.
    var role: RuleRole { RuleRole(kind: .signal(self)) }
}

extension FindingRule {
    /// A finding rule.
    var role: RuleRole { RuleRole(kind: .finding(self)) }
}

extension VerdictRule {
    /// A verdict rule.
    var role: RuleRole { RuleRole(kind: .verdict(self)) }
}
