import JSON
import Risk

/// The rules a SARIF run lists: the given rule descriptions, the `category-*` family (one result per
/// dangerous tool), and a plain descriptor for any finding rule id the given list lacks.
struct SARIFRuleCatalog {
    /// Descriptors in `tool.driver.rules` order.
    private(set) var descriptions: [RuleDescription] = []
    private var indexByID: [String: Int] = [:]

    /// The categories that get a code-scanning result per tool.
    static let dangerousCategories: [Category] = [.execute, .destructive, .financial]

    /// The rule id for a dangerous category, e.g. `category-execute`.
    static func ruleID(_ category: Category) -> String { "category-\(category.rawValue)" }

    /// The `category-*` rule descriptions, owned by the SARIF renderer.
    static let categoryRules: [RuleDescription] = [
        RuleDescription(
            id: ruleID(.execute), title: "Tool can execute code or commands", family: "category", kind: .capability,
            severity: .high, confidence: .medium,
            summary: "The tool runs code, shell commands or scripts on the machine or service it controls.",
            rationale: "A tool that **executes** commands lets the model (or anyone who can steer it, e.g. through a "
                + "poisoned document) do anything the server's account can do. Allow it only with confirmation, "
                + "and scope it with a policy.",
            examples: []),
        RuleDescription(
            id: ruleID(.destructive), title: "Tool can destroy data", family: "category", kind: .capability,
            severity: .critical, confidence: .medium,
            summary: "The tool deletes, overwrites or irreversibly changes data.",
            rationale: "A **destructive** tool can remove repositories, files, records or accounts. Mistakes and "
                + "prompt injection become permanent; require confirmation and keep it out of autonomous runs.",
            examples: []),
        RuleDescription(
            id: ruleID(.financial), title: "Tool can move money", family: "category", kind: .capability,
            severity: .critical, confidence: .medium,
            summary: "The tool makes payments, transfers, refunds, purchases or trades.",
            rationale: "A **financial** tool turns a model's mistake into a monetary loss. Put limits and human "
                + "approval in front of it.",
            examples: []),
    ]

    /// A catalogue of `given` rules plus the category family; duplicate ids keep the first.
    init(given: [RuleDescription]) {
        for rule in given + SARIFRuleCatalog.categoryRules { add(rule) }
    }

    /// The index of `id` in `tool.driver.rules`, adding a plain descriptor when it is unknown.
    mutating func index(of id: String, severity: Severity, confidence: Confidence) -> Int {
        if let i = indexByID[id] { return i }
        add(RuleDescription(
            id: id, title: id, family: "unlisted", kind: .finding, severity: severity, confidence: confidence,
            summary: "Finding rule \(id) (its description was not supplied to the SARIF renderer).",
            rationale: "See `mcprisk rules` for this rule's description.", examples: []))
        return indexByID[id]!
    }

    private mutating func add(_ rule: RuleDescription) {
        guard indexByID[rule.id] == nil else { return }
        indexByID[rule.id] = descriptions.count
        descriptions.append(rule)
    }

    /// The `reportingDescriptor` for `rule`.
    static func descriptor(_ rule: RuleDescription) -> JSONValue {
        var properties = JSONObject()
        properties["security-severity"] = .string(securitySeverity(rule.severity))
        var tags: [String] = []
        for tag in ["security", rule.family, rule.kind.rawValue] where !tags.contains(tag) { tags.append(tag) }  // the schema wants unique tags
        properties["tags"] = .array(tags.prefix(SARIFRenderer.maxTagsPerRule).map { .string($0) })
        properties["precision"] = .string(precision(rule.confidence))
        properties["problem.severity"] = .string(problemSeverity(rule.severity))
        return [
            "id": .string(rule.id),
            "name": .string(pascalCase(rule.id)),
            "shortDescription": ["text": .string(rule.title)],
            "fullDescription": ["text": .string(rule.summary)],
            "help": ["text": .string(rule.rationale), "markdown": .string(rule.rationale)],
            "defaultConfiguration": ["level": .string(level(rule.severity))],
            "properties": .object(properties),
        ]
    }

    /// GitHub's numeric severity: critical 9.0, high 7.0, medium 4.0, low 1.0.
    static func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: "9.0"
        case .high: "7.0"
        case .medium: "4.0"
        case .low: "1.0"
        }
    }

    /// SARIF level: error for high and critical, warning for medium, note for low.
    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    static func problemSeverity(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "recommendation"
        }
    }

    static func precision(_ c: Confidence) -> String {
        switch c {
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        }
    }

    /// `hidden-instructions` → `HiddenInstructions`.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
