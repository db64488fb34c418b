import JSON

/// Runs every rule over a server's definitions and assembles the verdict: a category, severity,
/// confidence, evidence, actions and signals per tool, and the findings. Pure and deterministic.
public struct Assessor: Sendable {
    /// The rules used, of all three kinds.
    public let rules: [any Rule]
    private let classifier: ToolClassifier

    /// An assessor over `rules` (all built-in rules by default).
    public init(rules: [any Rule] = BuiltinRules.all) {
        self.rules = rules
        self.classifier = ToolClassifier(rules: rules)
    }

    /// Assesses several servers of one scan, telling each the others' tool names (for collision checks).
    public func assess(servers: [ReviewedServer]) -> [ServerAssessment] {
        let names = servers.map { s in s.tools.compactMap { $0["name"]?.stringValue } }
        return servers.enumerated().map { i, server in
            var server = server
            var others = server.otherServersTools
            for (j, other) in servers.enumerated() where j != i {
                var key = other.name
                if key == server.name || others[key] != nil { key = "\(key)#\(j + 1)" }
                others[key] = names[j]
            }
            server.otherServersTools = others
            return assess(server)
        }
    }

    /// Assesses one server.
    public func assess(_ server: ReviewedServer) -> ServerAssessment {
        let tools = AnalyzedTool.all(in: server).map(classifier.withCapabilityHits)
        let index = ServerIndex(server, tools: tools)
        let extra = classifier.serverHits(server)

        var signalsByTool: [Int: [Signal]] = [:]
        var findings: [Finding] = []
        for rule in rules {
            let d = rule.description
            switch d.kind {
            case .capability:
                continue
            case .signal:
                for hit in Assessor.hits(of: rule, index, tools) {
                    guard case .signal(let path) = hit.effect, let index = Locator.toolIndex(of: hit.pointer) else { continue }
                    let detail = hit.message.isEmpty || hit.message == d.title ? nil : hit.message
                    signalsByTool[index, default: []].append(Signal(id: d.id, title: d.title, path: path, detail: detail))
                }
            case .finding:
                for hit in Assessor.hits(of: rule, index, tools) {
                    guard case .finding(let severity) = hit.effect else { continue }
                    findings.append(Finding(ruleId: d.id, severity: severity ?? d.severity, confidence: d.confidence, message: hit.message,
                                            quote: hit.quote, location: Locator.location(of: hit.pointer, in: server)))
                }
            }
        }
        findings = Assessor.ordered(findings)

        let assessed = tools.map { tool -> ToolAssessment in
            let verdict = classifier.classify(tool, extraHits: extra[tool.index] ?? [])
            var severity = verdict.category.baseSeverity
            var raisedBy: [String] = []
            for f in findings where f.location.pointer.isWithin(tool.pointer) && f.severity > verdict.category.baseSeverity {
                severity = max(severity, f.severity)
                if !raisedBy.contains(f.ruleId) { raisedBy.append(f.ruleId) }
            }
            var seen: Set<Signal> = []
            let signals = (signalsByTool[tool.index] ?? []).filter { seen.insert($0).inserted }
            return ToolAssessment(name: tool.name, pointer: tool.pointer, category: verdict.category, severity: severity,
                                  confidence: verdict.confidence, evidence: verdict.evidence, actions: verdict.actions,
                                  signals: signals, severityRaisedBy: raisedBy, annotations: tool.annotations)
        }
        return ServerAssessment(tools: assessed, findings: findings)
    }

    /// A rule's hits, handing tool rules the tools already read and indexed rules the server's index.
    static func hits(of rule: any Rule, _ index: ServerIndex, _ tools: [AnalyzedTool]) -> [RuleHit] {
        if let toolRule = rule as? any ToolRule { return tools.flatMap { toolRule.hits(in: $0) } }
        if let indexedRule = rule as? any IndexedRule { return indexedRule.hits(in: index) }
        return rule.check(index.server)
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
