import Risk

/// Counts over a whole report and the one-line verdict every format states first. Built one server
/// at a time (`add`), so a report written as it goes keeps only these counts, not its servers.
public struct ReportTotals: Sendable, Hashable {
    /// Servers per status (every status present, zero included).
    public var serversByStatus: [(ServerReport.Status, Int)] { zip(ServerReport.Status.allCases, statusCounts).map { ($0, $1) } }
    /// Tools per category over all servers.
    public var toolsByCategory: [(Category, Int)] { zip(Category.allCases, categoryCounts).map { ($0, $1) } }
    /// Tools per severity over all servers.
    public var toolsBySeverity: [(Severity, Int)] { zip(Severity.allCases, toolSeverityCounts).map { ($0, $1) } }
    /// Findings per severity over all servers.
    public var findingsBySeverity: [(Severity, Int)] { zip(Severity.allCases, findingSeverityCounts).map { ($0, $1) } }
    /// Number of servers.
    public private(set) var servers = 0
    /// Number of tools.
    public private(set) var tools = 0
    /// Number of findings.
    public private(set) var findings = 0
    /// The highest severity of any tool or finding.
    public private(set) var highestSeverity: Severity?
    /// The `--fail-on` threshold, if any.
    public var failOn: Severity?
    /// The highest severity among tools and findings not accepted: what `--fail-on` compares.
    public private(set) var highestCounted: Severity?
    /// Tools and findings accepted by a reviewer (not expired).
    public private(set) var accepted = 0
    /// What the review step says about the run (`Report.reviewNotes`), stated in every format; known
    /// once every server is in.
    public var reviewNotes: [String] = []

    private var statusCounts = [Int](repeating: 0, count: ServerReport.Status.allCases.count)
    private var categoryCounts = [Int](repeating: 0, count: Category.allCases.count)
    private var toolSeverityCounts = [Int](repeating: 0, count: Severity.allCases.count)
    private var findingSeverityCounts = [Int](repeating: 0, count: Severity.allCases.count)
    /// True when some server with tools or findings reaches `failOn` (the exit status's test).
    private var someServerReachesFailOn = false

    /// No servers yet, under the threshold `failOn`.
    public init(failOn: Severity?) { self.failOn = failOn }

    /// The totals of `report`.
    public init(_ report: Report) {
        self.init(failOn: report.failOn)
        for server in report.servers { add(server) }
        reviewNotes = report.reviewNotes
    }

    /// Counts one more server.
    public mutating func add(_ server: ServerReport) {
        servers += 1
        statusCounts[ServerReport.Status.allCases.firstIndex(of: server.status)!] += 1
        var highest = highestSeverity
        for t in server.assessment.tools {
            categoryCounts[t.category.rank] += 1
            toolSeverityCounts[t.severity.rank] += 1
            if highest.map({ t.severity > $0 }) ?? true { highest = t.severity }
        }
        for f in server.assessment.findings {
            findingSeverityCounts[f.severity.rank] += 1
            if highest.map({ f.severity > $0 }) ?? true { highest = f.severity }
        }
        tools += server.assessment.tools.count
        findings += server.assessment.findings.count
        highestSeverity = highest
        // Accepted tools and findings are still reported, but do not count.
        let counted = server.countedSeverities.max()
        if let counted, highestCounted.map({ counted > $0 }) ?? true { highestCounted = counted }
        accepted += server.acceptedCount
        if let failOn, let counted, counted >= failOn { someServerReachesFailOn = true }
    }

    /// True when every server was read completely.
    public var isComplete: Bool { statusCounts[0] == servers }

    /// The exit status, as `Report.exitStatus` gives it: 2 when incomplete, else 1 when
    /// anything reaches `failOn`, else 0.
    public var exitStatus: Int32 {
        if !isComplete { return 2 }
        return someServerReachesFailOn ? 1 : 0
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
            let missing = servers - statusCounts[0]
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
            && a.categoryCounts == b.categoryCounts && a.toolSeverityCounts == b.toolSeverityCounts
            && a.findingSeverityCounts == b.findingSeverityCounts && a.statusCounts == b.statusCounts && a.reviewNotes == b.reviewNotes
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
        var counts = [0, 0, 0, 0]
        for f in assessment.findings { counts[f.severity.rank] += 1 }
        return zip(Severity.allCases, counts).map { ($0, $1) }
    }
}
