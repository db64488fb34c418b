import JSON

/// One quoted piece of evidence behind a category: which rule, what words, where, toward what.
public struct Evidence: Sendable, Hashable {
    /// The capability rule that produced it.
    public var ruleId: String
    /// The category it argues for.
    public var category: Category
    /// How strongly (larger decides more).
    public var weight: Int
    /// The exact words, e.g. `delete` or `permanently removes`.
    public var quote: String
    /// Where the words are (e.g. `/tools/3/name`).
    public var pointer: JSONPointer
    /// Why the words mean that, e.g. "verb 'delete' in the name".
    public var reason: String

    /// Evidence from its parts.
    public init(ruleId: String, category: Category, weight: Int, quote: String, pointer: JSONPointer, reason: String) {
        self.ruleId = ruleId; self.category = category; self.weight = weight; self.quote = quote
        self.pointer = pointer; self.reason = reason
    }

    /// One line for reports: `"delete" in name → destructive (verb 'delete' leads the name)`.
    public var summary: String { "\"\(quote)\" at \(pointer) → \(category.rawValue): \(reason)" }
}

/// One operation of a multi-action tool, selected by an enum value of a parameter such as `action`.
public struct ActionAssessment: Sendable, Hashable {
    /// The enum value, e.g. `delete_branch`.
    public var value: String
    /// The parameter that selects it, e.g. `action`.
    public var parameter: String
    /// What this action does.
    public var category: Category
    /// Its severity.
    public var severity: Severity
    /// The evidence for its category.
    public var evidence: [Evidence]

    /// An action from its parts.
    public init(value: String, parameter: String, category: Category, severity: Severity, evidence: [Evidence]) {
        self.value = value; self.parameter = parameter; self.category = category; self.severity = severity
        self.evidence = evidence
    }
}

/// A risk signal: something a tool accepts that widens its reach, shown as PolicyLayer shows them.
public struct Signal: Sendable, Hashable {
    /// The signal rule's id, e.g. `raw-html-input`.
    public var id: String
    /// The title, e.g. "Accepts raw HTML/template content".
    public var title: String
    /// The input it concerns, e.g. `messages[].content`, if any.
    public var path: String?
    /// Extra detail, e.g. "26 properties".
    public var detail: String?

    /// A signal from its parts.
    public init(id: String, title: String, path: String? = nil, detail: String? = nil) {
        self.id = id; self.title = title; self.path = path; self.detail = detail
    }

    /// The display form: `Accepts raw HTML/template content (messages[].content)`.
    public var display: String {
        if let detail { return "\(title) (\(detail))" }
        if let path { return "\(title) (\(path))" }
        return title
    }
}

/// Where a finding is.
public struct Location: Sendable, Hashable {
    /// What kind of thing holds it.
    public enum Kind: String, Sendable, Hashable, CaseIterable { case tool, prompt, resource, server }
    /// The kind.
    public var kind: Kind
    /// The tool, prompt or resource name (nil for the server itself).
    public var name: String?
    /// The pointer into the server definitions document.
    public var pointer: JSONPointer

    /// A location from its parts.
    public init(kind: Kind, name: String?, pointer: JSONPointer) { self.kind = kind; self.name = name; self.pointer = pointer }
}

/// A threat or contradiction found in a server's definitions.
public struct Finding: Sendable, Hashable {
    /// The finding rule's id.
    public var ruleId: String
    /// How bad.
    public var severity: Severity
    /// How sure.
    public var confidence: Confidence
    /// A sentence for the reader, with the quoted words.
    public var message: String
    /// The exact words that triggered it (escaped for display by each renderer).
    public var quote: String
    /// Where.
    public var location: Location

    /// A finding from its parts.
    public init(ruleId: String, severity: Severity, confidence: Confidence, message: String, quote: String, location: Location) {
        self.ruleId = ruleId; self.severity = severity; self.confidence = confidence; self.message = message
        self.quote = quote; self.location = location
    }
}

/// A tool's annotations as declared; nil fields were absent (distinct from an explicit false).
public struct DeclaredAnnotations: Sendable, Hashable {
    public var readOnlyHint: Bool?
    public var destructiveHint: Bool?
    public var idempotentHint: Bool?
    public var openWorldHint: Bool?
    public var title: String?

    /// Annotations read from a tool's `annotations` object.
    public init(tool: JSONValue) {
        let a = tool["annotations"]
        readOnlyHint = a?["readOnlyHint"]?.boolValue
        destructiveHint = a?["destructiveHint"]?.boolValue
        idempotentHint = a?["idempotentHint"]?.boolValue
        openWorldHint = a?["openWorldHint"]?.boolValue
        title = a?["title"]?.stringValue
    }

    /// True when no hint was declared at all.
    public var isEmpty: Bool { readOnlyHint == nil && destructiveHint == nil && idempotentHint == nil && openWorldHint == nil }
}

/// The verdict on one tool.
public struct ToolAssessment: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// Where the tool is (e.g. `/tools/3`).
    public var pointer: JSONPointer
    /// Its category (for multi-action tools, the most dangerous action's).
    public var category: Category
    /// Its severity: the category's base, raised by findings (each raise is named in `severityRaisedBy`).
    public var severity: Severity
    /// How sure the category is.
    public var confidence: Confidence
    /// The quoted evidence, strongest first.
    public var evidence: [Evidence]
    /// Per-action verdicts for multi-action tools; empty otherwise.
    public var actions: [ActionAssessment]
    /// Risk signals.
    public var signals: [Signal]
    /// Finding rule ids that raised the severity above the category's base.
    public var severityRaisedBy: [String]
    /// The declared annotations.
    public var annotations: DeclaredAnnotations
    /// The inputs the tool declares, resolved from its input schema (nil when the assessment was built
    /// without its definition): the only argument paths a policy may name.
    public var inputs: ToolInputs?

    /// An assessment from its parts.
    public init(name: String, pointer: JSONPointer, category: Category, severity: Severity, confidence: Confidence,
                evidence: [Evidence], actions: [ActionAssessment] = [], signals: [Signal] = [],
                severityRaisedBy: [String] = [], annotations: DeclaredAnnotations, inputs: ToolInputs? = nil) {
        self.name = name; self.pointer = pointer; self.category = category; self.severity = severity
        self.confidence = confidence; self.evidence = evidence; self.actions = actions; self.signals = signals
        self.severityRaisedBy = severityRaisedBy; self.annotations = annotations; self.inputs = inputs
    }
}

/// The verdict on one server: every valid tool assessed, and every finding.
public struct ServerAssessment: Sendable, Hashable {
    /// The tools, in the order listed.
    public var tools: [ToolAssessment]
    /// The findings, ordered by severity (highest first), then location.
    public var findings: [Finding]

    /// An assessment from its parts.
    public init(tools: [ToolAssessment], findings: [Finding]) { self.tools = tools; self.findings = findings }

    /// The highest severity among tools and findings, if any.
    public var highestSeverity: Severity? {
        (tools.map(\.severity) + findings.map(\.severity)).max()
    }
}
