import Risk

/// Counts over a whole report and the one-line verdict every format states first.
public struct ReportTotals: Sendable, Hashable {
    /// Servers per status (every status present, zero included).
    public var serversByStatus: [(ServerReport.Status, Int)]
    /// Tools per category over all servers.
    public var toolsByCategory: [(Category, Int)]
    /// Tools per severity over all servers.
    public var toolsBySeverity: [(Severity, Int)]
    /// Findings per severity over all servers.
    public var findingsBySeverity: [(Severity, Int)]
    /// Number of servers.
    public var servers: Int
    /// Number of tools.
    public var tools: Int
    /// Number of findings.
    public var findings: Int
    /// True when every server was read completely.
    public var isComplete: Bool
    /// The highest severity of any tool or finding.
    public var highestSeverity: Severity?
    /// The `--fail-on` threshold, if any.
    public var failOn: Severity?
    /// The highest severity among tools and findings not accepted: what `--fail-on` compares.
    public var highestCounted: Severity?
    /// Tools and findings accepted by a reviewer (not expired).
    public var accepted: Int

    /// The totals of `report`.
    public init(_ report: Report) {
        let servers = report.servers
        let tools = servers.flatMap(\.assessment.tools)
        let findings = servers.flatMap(\.assessment.findings)
        serversByStatus = ServerReport.Status.allCases.map { s in (s, servers.filter { $0.status == s }.count) }
        toolsByCategory = Category.allCases.map { c in (c, tools.filter { $0.category == c }.count) }
        toolsBySeverity = Severity.allCases.map { s in (s, tools.filter { $0.severity == s }.count) }
        findingsBySeverity = Severity.allCases.map { s in (s, findings.filter { $0.severity == s }.count) }
        self.servers = servers.count
        self.tools = tools.count
        self.findings = findings.count
        isComplete = report.isComplete
        highestSeverity = (tools.map(\.severity) + findings.map(\.severity)).max()
        highestCounted = servers.flatMap(\.countedSeverities).max()
        accepted = servers.reduce(0) { $0 + $1.acceptedCount }
        failOn = report.failOn
    }

    /// True when something reaches the `--fail-on` threshold.
    public var reachesFailOn: Bool {
        guard let failOn, let highestCounted else { return false }
        return highestCounted >= failOn
    }

    /// `3 servers: 2 complete, 1 failed — INCOMPLETE SCAN` (zero counts left out).
    public var completenessLine: String {
        let noun = servers == 1 ? "server" : "servers"
        let parts = serversByStatus.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }
        let counts = parts.isEmpty ? "none scanned" : parts.joined(separator: ", ")
        return "\(servers) \(noun): \(counts)" + (isComplete && servers > 0 ? "" : " — INCOMPLETE SCAN")
    }

    /// The verdict: incompleteness first (never called clean), then the threshold, then the worst severity.
    public var verdict: String {
        if servers == 0 { return "Nothing was scanned — INCOMPLETE SCAN" }
        if !isComplete {
            let missing = servers - (serversByStatus.first { $0.0 == .complete }?.1 ?? 0)
            let worst = highestSeverity.map { "; worst so far: \($0.rawValue)" } ?? ""
            return "INCOMPLETE SCAN — \(missing) of \(servers) servers not fully read; results cover only what was read\(worst)"
        }
        let acceptedNote = accepted > 0 ? " (\(accepted) accepted)" : ""
        if let failOn, reachesFailOn {
            return "FAIL — \(highestCounted!.rawValue) reaches --fail-on \(failOn.rawValue)\(acceptedNote)"
        }
        guard let highestSeverity else { return "Complete — no tools and no findings" }
        if highestSeverity == .low && findings == 0 { return "Complete — only low-severity (read) tools, no findings" }
        return "Complete — highest severity: \(highestSeverity.rawValue)\(acceptedNote)"
    }

    /// `read 2, write 1, …` with every category.
    public var categoryLine: String { toolsByCategory.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") }
    /// `critical 1, high 2, …`, highest first, with every severity.
    public var severityLine: String { toolsBySeverity.reversed().map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") }
    /// Findings per severity, highest first.
    public var findingSeverityLine: String {
        findingsBySeverity.reversed().map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
    }

    public static func == (a: ReportTotals, b: ReportTotals) -> Bool {
        a.servers == b.servers && a.tools == b.tools && a.findings == b.findings && a.isComplete == b.isComplete
            && a.highestSeverity == b.highestSeverity && a.failOn == b.failOn && a.highestCounted == b.highestCounted && a.accepted == b.accepted
            && a.toolsByCategory.map(\.1) == b.toolsByCategory.map(\.1)
            && a.toolsBySeverity.map(\.1) == b.toolsBySeverity.map(\.1)
            && a.findingsBySeverity.map(\.1) == b.findingsBySeverity.map(\.1)
            && a.serversByStatus.map(\.1) == b.serversByStatus.map(\.1)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(servers); hasher.combine(tools); hasher.combine(findings); hasher.combine(isComplete)
    }
}

extension ServerReport {
    /// The failure to show: the recorded one, or a generic one when a server is incomplete without a reason.
    public var effectiveFailure: Failure? {
        if let failure { return failure }
        if status == .complete { return nil }
        return Failure(kind: "incomplete", message: "the server was not read completely (no reason was recorded)")
    }

    /// Findings per severity (every severity present, zero included).
    public var findingsBySeverity: [(Severity, Int)] {
        Severity.allCases.map { s in (s, assessment.findings.filter { $0.severity == s }.count) }
    }
}
