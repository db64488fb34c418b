import JSON

/// Runs every rule over a server's definitions and assembles the verdict: a category, severity,
/// confidence, evidence, actions and signals per tool, and the findings. Pure and deterministic.
///
/// The stages: each tool is read once (`ToolContext`); capability rules give evidence and the classifier
/// decides; signal rules say what the tool accepts; finding rules read the server's texts once
/// (`ServerIndex`); verdict rules then compare what each tool declares with what its definition earned.
public struct Assessor: Sendable {
    /// The rules used, of all kinds.
    public let rules: [any Rule]
    private let classifier: ToolClassifier
    private let signalRules: [(RuleDescription, any SignalRule)]
    private let findingRules: [(RuleDescription, any FindingRule)]
    private let verdictRules: [(RuleDescription, any VerdictRule)]
    /// The learned second opinion after the rules decide (nil: the rules alone).
    private let learned: LearnedReading?
    /// Threads one server's assessment may use (1: the calling thread only). A scan of one server gives it
    /// the cores; a run of many servers assesses them side by side instead. The result is the same.
    public var jobs = 1

    /// An assessor over all built-in rules, with the learned reading trained on the evaluation set unless
    /// `learned` says otherwise. The rules are sorted by kind once per process: callers that assess server
    /// by server make one of these per server.
    public init(learned: Bool = true) {
        self.init(Self.builtin, learned: learned)
    }

    /// An assessor over `rules`, with the learned reading trained on the evaluation set unless `learned`
    /// says otherwise.
    public init(rules: [any Rule], learned: Bool = true) {
        self.init(RuleKinds(rules), learned: learned)
    }

    private init(_ kinds: RuleKinds, learned: Bool) {
        rules = kinds.rules
        self.learned = learned ? LearnedReading.trained : nil
        classifier = kinds.classifier
        signalRules = kinds.signalRules
        findingRules = kinds.findingRules
        verdictRules = kinds.verdictRules
    }

    /// The built-in rules, sorted by kind.
    private static let builtin = RuleKinds(BuiltinRules.all)

    /// Rules sorted by what they produce, each with its description.
    private struct RuleKinds: Sendable {
        let rules: [any Rule]
        let classifier: ToolClassifier
        let signalRules: [(RuleDescription, any SignalRule)]
        let findingRules: [(RuleDescription, any FindingRule)]
        let verdictRules: [(RuleDescription, any VerdictRule)]

        init(_ rules: [any Rule]) {
            self.rules = rules
            classifier = ToolClassifier(rules: rules)
            signalRules = rules.compactMap { r in r.role.signal.map { (r.description, $0) } }
            findingRules = rules.compactMap { r in r.role.finding.map { (r.description, $0) } }
            verdictRules = rules.compactMap { r in r.role.verdict.map { (r.description, $0) } }
        }
    }

    /// Assesses several servers of one run: their names are indexed once (`RunIndex`), then each server is
    /// assessed knowing its place in the run, so cross-server checks cost what the tools cost.
    public func assess(servers: [ReviewedServer]) -> [ServerAssessment] {
        let index = RunIndex(servers: servers.map(RunIndex.Server.init))
        return servers.enumerated().map { i, server in assess(server, in: RunContext(index: index, position: i)) }
    }

    /// Assesses one server of a run indexed beforehand (a run that streams its servers indexes their names
    /// in a first pass, then assesses them one at a time).
    public func assess(_ server: ReviewedServer, in run: RunContext) -> ServerAssessment {
        var server = server
        server.run = run
        return assess(server)
    }

    /// Assesses one server.
    public func assess(_ server: ReviewedServer) -> ServerAssessment {
        let tools = ToolContext.all(in: server, jobs: jobs)
        let index = ServerIndex(server, tools: tools, jobs: jobs)
        // Each finding rule reads the whole index; the rules run side by side when `jobs` allows.
        let findingRules = self.findingRules
        var findings: [Finding] = Chunked.map(findingRules.count, jobs: jobs, size: 1) { run in
            run.map { r in
                let (d, rule) = findingRules[r]
                return rule.findings(in: index).map { hit in
                    Finding(ruleId: d.id, severity: hit.severity ?? d.severity, confidence: d.confidence, message: hit.message,
                            quote: hit.quote, location: Locator.location(of: hit.pointer, in: server))
                }
            }
        }.flatMap { $0 }
        // Each tool is classified, and its verdict checked against its definition, on its own.
        let (classifier, learned, verdictRules) = (self.classifier, self.learned, self.verdictRules)
        let classified: [(verdict: ToolVerdict, findings: [Finding])] = Chunked.map(tools.count, jobs: jobs, size: Chunked.runSize(tools.count, jobs: jobs)) { run in
            run.map { i in
                let tool = tools[i]
                let evidence = classifier.evidence(in: tool)
                let hasDescription = !tool.description.isEmpty
                let decided = classifier.decide(evidence, hasDescription: hasDescription)
                let verdict = learned.map { $0.revise(decided, tool: tool) } ?? decided
                guard !verdictRules.isEmpty else { return (verdict, []) }
                let definition = classifier.definitionVerdict(evidence, hasDescription: hasDescription)
                var findings: [Finding] = []
                for (d, rule) in verdictRules {
                    for hit in rule.findings(in: tool, definition: definition) {
                        findings.append(Finding(ruleId: d.id, severity: hit.severity ?? d.severity, confidence: d.confidence, message: hit.message,
                                                quote: hit.quote, location: Locator.location(of: hit.pointer, in: server)))
                    }
                }
                return (verdict, findings)
            }
        }
        for c in classified { findings += c.findings }
        findings = Assessor.ordered(findings)

        let signalRules = self.signalRules
        let ordered = findings
        let assessed: [ToolAssessment] = Chunked.map(tools.count, jobs: jobs, size: Chunked.runSize(tools.count, jobs: jobs)) { run in
            run.map { i in
                let tool = tools[i], verdict = classified[i].verdict
                var severity = verdict.category.baseSeverity
                var raisedBy: [String] = []
                for f in ordered where f.severity > verdict.category.baseSeverity && f.location.pointer.isWithin(tool.pointer) {
                    severity = max(severity, f.severity)
                    if !raisedBy.contains(f.ruleId) { raisedBy.append(f.ruleId) }
                }
                var seen: Set<Signal> = []
                var signals: [Signal] = []
                for (d, rule) in signalRules {
                    for hit in rule.signals(in: tool) {
                        let signal = Signal(id: d.id, title: d.title, path: hit.path, detail: hit.detail)
                        if seen.insert(signal).inserted { signals.append(signal) }
                    }
                }
                return ToolAssessment(name: tool.name, pointer: tool.pointer, category: verdict.category, severity: severity,
                                      confidence: verdict.confidence, evidence: verdict.evidence, actions: verdict.actions,
                                      signals: signals, severityRaisedBy: raisedBy, annotations: tool.annotations,
                                      inputs: ToolInputs(properties: tool.properties, tool: tool.json))
            }
        }
        return ServerAssessment(tools: assessed, findings: findings)
    }

    /// Findings by severity (highest first), then location in document order, then rule id and quote.
    static func ordered(_ findings: [Finding]) -> [Finding] {
        var seen: Set<Finding> = []
        return findings.filter { seen.insert($0).inserted }.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.location.pointer != b.location.pointer { return Locator.precedes(a.location.pointer, b.location.pointer) }
            if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
            return a.quote < b.quote
        }
    }
}
