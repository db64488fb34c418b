import Risk

/// Everything one run found, as plain data: the single input of every renderer (docs/architecture.md).
public struct Report: Sendable, Hashable {
    /// Who wrote the report.
    public struct Generator: Sendable, Hashable {
        /// Always `mcprisk`.
        public var name: String
        /// The mcprisk version.
        public var version: String
        /// A generator from its parts.
        public init(name: String = "mcprisk", version: String) { self.name = name; self.version = version }
    }

    /// The generator.
    public var generator: Generator
    /// One entry per scanned server, in the order given.
    public var servers: [ServerReport]
    /// The `--fail-on` threshold in force, if any (renderers state it; the exit status uses it).
    public var failOn: Severity?
    /// What the review step says about this run, stated in every format: acceptances that expired or
    /// matched nothing, what a baseline or `--min-severity` left out.
    public var reviewNotes: [String] = []

    /// A report from its parts.
    public init(generator: Generator, servers: [ServerReport], failOn: Severity? = nil) {
        self.generator = generator; self.servers = servers; self.failOn = failOn
    }

    /// True when every server was read completely.
    public var isComplete: Bool { servers.allSatisfy { $0.status == .complete } }

    /// The exit status of the contract (docs/report-format.md): 2 when incomplete, else 1 when anything reaches
    /// `failOn`, else 0.
    public var exitStatus: Int32 {
        if !isComplete { return 2 }
        // Accepted tools and findings are still reported, but do not count.
        if let failOn, servers.contains(where: { $0.countedSeverities.contains { $0 >= failOn } }) { return 1 }
        return 0
    }
}

/// What one server was and what was found in it.
public struct ServerReport: Sendable, Hashable {
    /// How much was read.
    public enum Status: String, Sendable, Hashable, CaseIterable { case complete, partial, failed }

    /// Why the server is not complete.
    public struct Failure: Sendable, Hashable {
        /// A stable name such as `timeout`, `server-exited`, `authentication-required`.
        public var kind: String
        /// The full message, quoting what the server said.
        public var message: String
        /// A failure from its parts.
        public init(kind: String, message: String) { self.kind = kind; self.message = message }
    }

    /// Where a server was declared, when it came from a client config file (for SARIF locations).
    public struct SourceLocation: Sendable, Hashable {
        /// The file path as given.
        public var path: String
        /// The 1-based line, if known.
        public var line: Int?
        /// A location from its parts.
        public init(path: String, line: Int? = nil) { self.path = path; self.line = line }
    }

    /// How the server was reached (command line, URL or file), secrets removed.
    public var target: String
    /// The server's identity in this run: its config key, or the target for a bare scan (unique
    /// within the run). Nil for reports built without one, which fall back to `name`, then `target`.
    public var label: String?
    /// `serverInfo.name`.
    public var name: String?
    /// `serverInfo.version`.
    public var version: String?
    /// The negotiated protocol version.
    public var protocolVersion: String?
    /// How much was read.
    public var status: Status
    /// Why not complete.
    public var failure: Failure?
    /// The server's instructions, if any (untrusted text).
    public var instructions: String?
    /// The verdicts.
    public var assessment: ServerAssessment
    /// How many prompts, resources and templates were listed.
    public var promptCount: Int
    /// How many resources were listed.
    public var resourceCount: Int
    /// How many resource templates were listed.
    public var resourceTemplateCount: Int
    /// Odd but non-fatal events, as `kind: message`.
    public var anomalies: [String]
    /// The config file that declared this server, if any.
    public var source: SourceLocation?
    /// The recommended starter policy, already rendered (Reports does not depend on Policy).
    public var policy: RenderedPolicy?
    /// The fingerprint of each tool of `assessment`, in order (`tool:…`); empty when not computed.
    public var toolFingerprints: [String] = []
    /// The fingerprint of each finding of `assessment`, in order (`finding:…`); empty when not computed.
    public var findingFingerprints: [String] = []
    /// Acceptances from an accept file, by the fingerprint they accept.
    public var acceptances: [String: Acceptance] = [:]

    /// A server report from its parts.
    public init(target: String, name: String? = nil, version: String? = nil, protocolVersion: String? = nil,
                status: Status, failure: Failure? = nil, instructions: String? = nil,
                assessment: ServerAssessment = ServerAssessment(tools: [], findings: []),
                promptCount: Int = 0, resourceCount: Int = 0, resourceTemplateCount: Int = 0,
                anomalies: [String] = [], source: SourceLocation? = nil, policy: RenderedPolicy? = nil, label: String? = nil) {
        self.target = target; self.label = label; self.name = name; self.version = version; self.protocolVersion = protocolVersion
        self.status = status; self.failure = failure; self.instructions = instructions; self.assessment = assessment
        self.promptCount = promptCount; self.resourceCount = resourceCount; self.resourceTemplateCount = resourceTemplateCount
        self.anomalies = anomalies; self.source = source; self.policy = policy
    }

    /// The name to show: the run's label (config key or target), else serverInfo.name, else the target.
    public var displayName: String { label ?? name ?? target }
    /// What the server calls itself, when that differs from `displayName` (shown after it in headings).
    public var reportedName: String? { name.flatMap { $0 == displayName ? nil : $0 } }
    /// True when at least one tool or finding was produced.
    var hasAnything: Bool { !assessment.tools.isEmpty || !assessment.findings.isEmpty }

    /// Tool counts per category (every category present, zero included).
    public var toolsByCategory: [(Category, Int)] {
        var counts = [Int](repeating: 0, count: Category.allCases.count)
        for t in assessment.tools { counts[t.category.rank] += 1 }
        return zip(Category.allCases, counts).map { ($0, $1) }
    }
    /// Tool counts per severity (every severity present, zero included).
    public var toolsBySeverity: [(Severity, Int)] {
        var counts = [Int](repeating: 0, count: Severity.allCases.count)
        for t in assessment.tools { counts[t.severity.rank] += 1 }
        return zip(Severity.allCases, counts).map { ($0, $1) }
    }
}

/// A policy document rendered as text, carried in the report for Markdown and HTML.
public struct RenderedPolicy: Sendable, Hashable {
    /// `policylayer` or `intercept`.
    public var format: String
    /// The document text.
    public var text: String
    /// A policy from its parts.
    public init(format: String, text: String) { self.format = format; self.text = text }
}
