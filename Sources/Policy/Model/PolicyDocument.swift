import JSON
import Risk

/// A starter policy for one server, independent of the format it is written in.
public struct PolicyDocument: Sendable, Hashable {
    /// The server the policy is for (as the server named itself; writers escape it).
    public var serverName: String
    /// The profile it was built with.
    public var profile: PolicyProfile
    /// Tools removed from the agent's view altogether (strict profile).
    public var hidden: [HiddenTool]
    /// The tools that stay listed, in the order the server listed them. Unlisted tools fall to
    /// `default: deny`.
    public var tools: [ToolPolicy]
    /// Remarks about the whole document (tools left out and why), written as comments where the
    /// format has them.
    public var notes: [String]

    /// A document from its parts.
    public init(serverName: String, profile: PolicyProfile, hidden: [HiddenTool] = [], tools: [ToolPolicy] = [], notes: [String] = []) {
        self.serverName = serverName; self.profile = profile; self.hidden = hidden; self.tools = tools; self.notes = notes
    }

    /// One line describing the document, used as Intercept's `description`.
    public var summary: String { "Starter policy for \(serverName) written by mcprisk (profile: \(profile.rawValue))" }
}

/// A tool the policy hides, with the reason (written as a comment where the format allows).
public struct HiddenTool: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// Why it is hidden, naming the evidence.
    public var reason: String

    /// A hidden tool from its parts.
    public init(name: String, reason: String) { self.name = name; self.reason = reason }
}

/// What the policy does with one listed tool: no rules means allowed.
public struct ToolPolicy: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// Its category, as assessed.
    public var category: Category
    /// The rules; every rule must pass for a call to go through. Empty means allowed.
    public var rules: [PolicyRule]
    /// Remarks for the reader (constraints left out and why).
    public var notes: [String]

    /// A tool policy from its parts.
    public init(name: String, category: Category, rules: [PolicyRule] = [], notes: [String] = []) {
        self.name = name; self.category = category; self.rules = rules; self.notes = notes
    }

    /// True when the tool is allowed without any check.
    public var isAllowed: Bool { rules.isEmpty }
    /// True when some rule denies every call.
    public var isDenied: Bool { rules.contains { if case .deny = $0.kind { true } else { false } } }
}

/// One named rule of a tool policy.
public struct PolicyRule: Sendable, Hashable {
    /// What the rule does.
    public enum Kind: Sendable, Hashable {
        /// Deny every call.
        case deny
        /// At most `max` calls per window.
        case rateLimit(max: Int, window: PolicyWindow)
        /// Every condition must hold for the call to be allowed (Intercept's `evaluate` rule).
        case require([PolicyCondition])
        /// The sum of a numeric argument over a window stays at or below `max`. `hourlyCallCap` is the
        /// number of calls per hour allowed instead when only call counts can be
        /// expressed (PolicyLayer's `limits` know minute and hour windows, not sums).
        case runningTotal(counter: String, argument: String, max: Int, window: PolicyWindow, hourlyCallCap: Int)
    }

    /// The rule's name (Intercept requires one).
    public var name: String
    /// What it does.
    public var kind: Kind
    /// The message an agent sees when the rule denies a call.
    public var onDeny: String

    /// A rule from its parts.
    public init(name: String, kind: Kind, onDeny: String) { self.name = name; self.kind = kind; self.onDeny = onDeny }
}

/// A time window for counters.
public enum PolicyWindow: String, Sendable, Hashable, CaseIterable {
    case minute, hour, day
}

/// One comparison on a call: `args.<parameter>` (or `state.<tool>.<counter>`), an operator and a value.
public struct PolicyCondition: Sendable, Hashable {
    /// A dotted path starting with `args.` or `state.`.
    public var path: String
    /// The operator.
    public var op: ConditionOperator
    /// The value compared against (a list for `in`/`not_in`, a number for comparisons, a
    /// boolean for `exists`, a string for `regex`).
    public var value: JSONValue

    /// A condition from its parts.
    public init(path: String, op: ConditionOperator, value: JSONValue) { self.path = path; self.op = op; self.value = value }
}

/// Intercept's condition operators (POLICY.md "Operators"; validate.go `validOps`).
public enum ConditionOperator: String, Sendable, Hashable, CaseIterable {
    case eq, neq
    case `in` = "in"
    case notIn = "not_in"
    case lt, lte, gt, gte, regex, contains, exists

    /// The operator that holds exactly when this one fails, for formats that can only say
    /// "deny if"; nil for `regex` and `contains`, which have no negation.
    public var negated: ConditionOperator? {
        switch self {
        case .eq: .neq
        case .neq: .eq
        case .in: .notIn
        case .notIn: .in
        case .lt: .gte
        case .gte: .lt
        case .lte: .gt
        case .gt: .lte
        case .exists: .exists   // with the boolean value flipped
        case .regex, .contains: nil
        }
    }
}

/// A problem a validator found in a policy text, naming where: tool, rule and field.
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// Errors make the policy unusable; warnings are accepted by the gateway but likely mistakes.
    public enum Severity: String, Sendable, Hashable { case error, warning }

    /// Where, in the style of Intercept's messages: `tools.create_issue.rules[0].conditions[1].op`.
    public var location: String
    /// The tool, when the problem is inside one.
    public var tool: String?
    /// The rule's name (or index when it has none), when the problem is inside one.
    public var rule: String?
    /// The field at fault, e.g. `op`.
    public var field: String
    /// What is wrong.
    public var message: String
    /// How bad.
    public var severity: Severity

    /// A problem from its parts.
    public init(location: String, tool: String? = nil, rule: String? = nil, field: String, message: String, severity: Severity = .error) {
        self.location = location; self.tool = tool; self.rule = rule; self.field = field; self.message = message
        self.severity = severity
    }

    /// `tools.x.rules[0].op: unknown operator "like"`.
    public var description: String { "\(severity == .warning ? "warning: " : "")\(location): \(message)" }
}
