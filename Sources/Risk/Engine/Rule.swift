import JSON

/// The three kinds of rule (DESIGN.md §3).
public enum RuleKind: String, Sendable, Hashable, CaseIterable {
    /// Contributes evidence toward a category.
    case capability
    /// Describes what a tool accepts that widens its reach; reported in the tool's `signals`.
    case signal
    /// Reports a threat or contradiction; reported in `findings`.
    case finding
}

/// Everything a reader, a doc page, SARIF or a test needs to know about a rule, in one value.
public struct RuleDescription: Sendable {
    /// Stable kebab-case id, e.g. `hidden-instructions`.
    public var id: String
    /// A short title, e.g. "Hidden instructions to the model".
    public var title: String
    /// The folder the rule lives in, e.g. `poisoning`, `capability`, `signals`.
    public var family: String
    /// Capability, signal or finding.
    public var kind: RuleKind
    /// The severity of a hit (for findings; for others, the weight shown in docs).
    public var severity: Severity
    /// How reliable a hit is.
    public var confidence: Confidence
    /// One sentence: what it detects.
    public var summary: String
    /// Why it matters, in Markdown.
    public var rationale: String
    /// Examples that double as tests.
    public var examples: [RuleExample]

    /// A description from all its parts.
    public init(id: String, title: String, family: String, kind: RuleKind, severity: Severity,
                confidence: Confidence, summary: String, rationale: String, examples: [RuleExample]) {
        self.id = id; self.title = title; self.family = family; self.kind = kind; self.severity = severity
        self.confidence = confidence; self.summary = summary; self.rationale = rationale; self.examples = examples
    }
}

/// A raw-JSON example of a rule: a tool object, or a server object with `tools`, `prompts`, `resources`,
/// `resourceTemplates` and `instructions`. Pointers in a tool example are relative to the tool.
public struct RuleExample: Sendable {
    /// What the rule must do with the example.
    public enum Expectation: Sendable, Hashable {
        /// No hit at all.
        case passes
        /// A hit at this JSON Pointer (e.g. `/description`).
        case triggers(at: String)
        /// A gap we admit: the rule should hit here and does not; the test fails if it starts to.
        case knownMiss(String)
    }

    /// The JSON text.
    public var json: String
    /// The expectation.
    public var expectation: Expectation

    /// An example that must produce no hit.
    public static func passes(_ json: String) -> RuleExample { RuleExample(json: json, expectation: .passes) }
    /// An example that must produce a hit at `pointer`.
    public static func triggers(_ json: String, at pointer: String) -> RuleExample {
        RuleExample(json: json, expectation: .triggers(at: pointer))
    }
    /// An example the rule admits missing, with why.
    public static func knownMiss(_ json: String, _ why: String) -> RuleExample {
        RuleExample(json: json, expectation: .knownMiss(why))
    }
}

/// One thing a rule found: where, the exact words, and what it means.
public struct RuleHit: Sendable, Hashable {
    /// What the hit contributes.
    public enum Effect: Sendable, Hashable {
        /// Evidence toward `category`; larger weights decide more.
        case capability(Category, weight: Int)
        /// A risk signal about an input at `path` (dotted, `[]` for arrays, e.g. `messages[].content`).
        case signal(path: String?)
        /// A threat or contradiction; `severity` overrides the rule's own when set.
        case finding(severity: Severity?)
    }

    /// Where, relative to the server definitions document (e.g. `/tools/3/description`).
    public var pointer: JSONPointer
    /// The exact span that decided it (already cut to a readable length).
    public var quote: String
    /// A sentence for the reader (findings), or the signal's title with detail, or the evidence reason.
    public var message: String
    /// What the hit means.
    public var effect: Effect

    /// A hit from all its parts.
    public init(pointer: JSONPointer, quote: String, message: String, effect: Effect) {
        self.pointer = pointer; self.quote = quote; self.message = message; self.effect = effect
    }
}

/// A rule: a description and a pure check over a server's definitions. No I/O, deterministic.
public protocol Rule: Sendable {
    /// What the rule is, with its examples.
    var description: RuleDescription { get }
    /// The hits in one server's definitions.
    func check(_ server: ReviewedServer) -> [RuleHit]
}
