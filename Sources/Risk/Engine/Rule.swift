import JSON

/// The three kinds of rule (docs/architecture.md, "The rule model").
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
    /// The folder the rule lives in, e.g. `threats`, `capability`, `signals`.
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
    /// What a hit must say.
    public enum Outcome: Sendable, Hashable {
        /// Capability evidence toward this category.
        case category(Category)
        /// A signal (what the tool accepts), on the input at this path when given.
        case signal
        /// A finding of this severity.
        case severity(Severity)
    }

    /// What the rule must do with the example.
    public enum Expectation: Sendable, Hashable {
        /// No hit at all.
        case passes
        /// A hit at this JSON Pointer (e.g. `/description`) with this outcome.
        case triggers(at: String, Outcome)
        /// A gap we admit: the rule should hit here and does not; the test fails if it starts to.
        case knownMiss(String)
    }

    /// The JSON text.
    public var json: String
    /// The expectation.
    public var expectation: Expectation

    /// An example that must produce no hit.
    public static func passes(_ json: String) -> RuleExample { RuleExample(json: json, expectation: .passes) }
    /// An example that must produce evidence toward `category` at `pointer`.
    public static func evidence(_ json: String, at pointer: String, _ category: Category) -> RuleExample {
        RuleExample(json: json, expectation: .triggers(at: pointer, .category(category)))
    }
    /// An example that must produce a signal at `pointer`.
    public static func signal(_ json: String, at pointer: String) -> RuleExample {
        RuleExample(json: json, expectation: .triggers(at: pointer, .signal))
    }
    /// An example that must produce a finding of `severity` at `pointer`.
    public static func finding(_ json: String, at pointer: String, _ severity: Severity) -> RuleExample {
        RuleExample(json: json, expectation: .triggers(at: pointer, .severity(severity)))
    }
    /// An example the rule admits missing, with why.
    public static func knownMiss(_ json: String, _ why: String) -> RuleExample {
        RuleExample(json: json, expectation: .knownMiss(why))
    }
}

/// A rule: a description, and a pure check of one of the three kinds below. No I/O, deterministic.
public protocol Rule: Sendable {
    /// What the rule is, with its examples.
    var description: RuleDescription { get }
    /// What the rule finds in a server, as its examples are checked: where, and what each hit says.
    func exampleHits(_ server: ReviewedServer) -> [(pointer: JSONPointer, outcome: RuleExample.Outcome)]
    /// The kind of check the assessor runs it as (`RuleRole`; each kind of rule supplies it).
    var role: RuleRole { get }
}

/// Evidence a capability rule found in a tool.
struct EvidenceHit: Sendable, Hashable {
    /// The category it argues for.
    var category: Category
    /// How strongly (a named `Weight`).
    var weight: Int
    /// Where the words are.
    var pointer: JSONPointer
    /// The exact words (already cut to a readable length).
    var quote: String
    /// Why the words mean that.
    var reason: String

    /// Evidence toward `category`, the quote's white space made single.
    init(_ category: Category, _ weight: Weight, at pointer: JSONPointer, quote: String, reason: String) {
        self.category = category; self.weight = weight.value; self.pointer = pointer
        self.quote = EvidenceQuote.make(quote); self.reason = reason
    }
}

/// A rule that argues for a category from one tool.
protocol CapabilityRule: Rule {
    /// The evidence in one tool.
    func evidence(in tool: ToolContext) -> [EvidenceHit]
}

extension CapabilityRule {
    func exampleHits(_ server: ReviewedServer) -> [(pointer: JSONPointer, outcome: RuleExample.Outcome)] {
        ToolContext.all(in: server).flatMap { evidence(in: $0) }.map { ($0.pointer, .category($0.category)) }
    }
}

/// What a signal rule found an input (or a tool) to accept.
struct SignalHit: Sendable, Hashable {
    /// Where (an input property, or the tool's input schema).
    var pointer: JSONPointer
    /// The input's path (`messages[].content`), if the signal concerns one input.
    var path: String?
    /// Extra detail shown with the title (`26 properties`), if any.
    var detail: String?
}

/// A rule that says what a tool accepts.
protocol SignalRule: Rule {
    /// The signals of one tool.
    func signals(in tool: ToolContext) -> [SignalHit]
}

extension SignalRule {
    func exampleHits(_ server: ReviewedServer) -> [(pointer: JSONPointer, outcome: RuleExample.Outcome)] {
        ToolContext.all(in: server).flatMap { signals(in: $0) }.map { ($0.pointer, .signal) }
    }
}

/// A threat or contradiction a finding rule found.
struct FindingHit: Sendable, Hashable {
    /// Where, in the server's definitions document.
    var pointer: JSONPointer
    /// The exact words (raw; renderers escape).
    var quote: String
    /// A sentence for the reader.
    var message: String
    /// The severity, when it differs from the rule's own.
    var severity: Severity?
}

/// A rule that reports threats in a server's definitions.
protocol FindingRule: Rule {
    /// The findings in one server.
    func findings(in server: ServerIndex) -> [FindingHit]
}

extension FindingRule {
    func exampleHits(_ server: ReviewedServer) -> [(pointer: JSONPointer, outcome: RuleExample.Outcome)] {
        let index = ServerIndex(server)
        return findings(in: index).map { ($0.pointer, .severity($0.severity ?? description.severity)) }
    }
}

/// A finding rule that runs after classification: it compares what a tool declares (its annotations)
/// with the category its definition alone earned.
protocol VerdictRule: Rule {
    /// The findings about one classified tool; `definition` is its verdict without its annotations.
    func findings(in tool: ToolContext, definition: ToolVerdict) -> [FindingHit]
}

extension VerdictRule {
    func exampleHits(_ server: ReviewedServer) -> [(pointer: JSONPointer, outcome: RuleExample.Outcome)] {
        let classifier = ToolClassifier()
        let severity = description.severity
        var out: [(pointer: JSONPointer, outcome: RuleExample.Outcome)] = []
        for tool in ToolContext.all(in: server) {
            let verdict = classifier.definitionVerdict(classifier.evidence(in: tool), hasDescription: !tool.description.isEmpty)
            for hit in findings(in: tool, definition: verdict) { out.append((hit.pointer, .severity(hit.severity ?? severity))) }
        }
        return out
    }
}

/// Evidence quotes: white space runs (line breaks included) become one space before `Quote.cut`.
enum EvidenceQuote {
    /// `text` with runs of white space made one space, cut to a readable length.
    static func make(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in text.prefix(Quote.maxLength * 4) {
            if c.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(c)
        }
        return Quote.cut(out)
    }
}
