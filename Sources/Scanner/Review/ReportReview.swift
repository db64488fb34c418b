import Catalogue
import Foundation
import Reports
import Risk

/// The review step between assessment and rendering: acceptances marked (from an accept file), what a
/// baseline already showed left out, items below `--min-severity` left out, and a note for each in
/// every format. Pure: the same report and options give the same result.
public struct ReportReview: Sendable {
    /// The accept file, if any.
    public var accept: AcceptFile?
    /// The baseline, if any.
    public var baseline: Baseline?
    /// Tools and findings below this are not shown.
    public var minSeverity: Severity?
    /// Whether every server the targets name is in the report (no `--server` selection), so an
    /// acceptance naming another server can be reported as a likely typo.
    public var everyServerScanned: Bool
    /// The moment expiry is judged against.
    public var now: Date

    /// A review from its parts.
    public init(accept: AcceptFile? = nil, baseline: Baseline? = nil, minSeverity: Severity? = nil, everyServerScanned: Bool = true,
                now: Date = Date()) {
        self.accept = accept; self.baseline = baseline; self.minSeverity = minSeverity
        self.everyServerScanned = everyServerScanned; self.now = now
    }

    /// True when the review changes nothing.
    public var isEmpty: Bool { accept == nil && baseline == nil && minSeverity == nil }

    /// `report` reviewed.
    public func apply(to report: Report) -> Report {
        guard !isEmpty else { return report }
        var out = report
        var tally = Tally()
        for i in out.servers.indices {
            let (server, one) = review(out.servers[i])
            out.servers[i] = server
            tally.add(one)
        }
        out.reviewNotes += notes(tally, servers: Set(report.servers.map(\.displayName)))
        return out
    }

    /// What reviewing servers found that the run's notes report: acceptances used and not, what the
    /// baseline and `--min-severity` left out. Servers reviewed one by one add theirs in order.
    public struct Tally: Sendable {
        var ledger: AcceptLedger?
        var inBaseline = 0, belowMinimum = 0

        /// Nothing reviewed yet.
        public init() {}

        /// Adds a later server's tally.
        public mutating func add(_ other: Tally) {
            if let more = other.ledger {
                if ledger == nil { ledger = more } else { ledger?.absorb(more) }
            }
            inBaseline += other.inBaseline
            belowMinimum += other.belowMinimum
        }
    }

    /// One server reviewed on its own (servers may be reviewed in any order, their tallies added in
    /// server order): acceptances marked, what a baseline showed and what is below `--min-severity` left out.
    public func review(_ server: ServerReport) -> (ServerReport, Tally) {
        var tally = Tally()
        guard !isEmpty else { return (server, tally) }
        tally.ledger = accept.map { AcceptLedger(file: $0, now: now) }
        var s = server
        let label = s.displayName
        if tally.ledger != nil {
            for (t, tool) in s.assessment.tools.enumerated() {
                guard let fp = s.toolFingerprint(t), let m = tally.ledger?.match(server: label, fingerprint: fp, name: tool.name, rule: nil) else { continue }
                s.acceptances[fp] = Self.acceptance(m)
            }
            for (f, finding) in s.assessment.findings.enumerated() {
                guard let fp = s.findingFingerprint(f),
                      let m = tally.ledger?.match(server: label, fingerprint: fp, name: finding.location.name, rule: finding.ruleId) else { continue }
                s.acceptances[fp] = Self.acceptance(m)
            }
        }
        let keepTools = s.assessment.tools.indices.filter { t in
            if baseline?.contains(server: label, fingerprint: s.toolFingerprint(t)) == true { tally.inBaseline += 1; return false }
            if let minSeverity, s.assessment.tools[t].severity < minSeverity { tally.belowMinimum += 1; return false }
            return true
        }
        let keepFindings = s.assessment.findings.indices.filter { f in
            if baseline?.contains(server: label, fingerprint: s.findingFingerprint(f)) == true { tally.inBaseline += 1; return false }
            if let minSeverity, s.assessment.findings[f].severity < minSeverity { tally.belowMinimum += 1; return false }
            return true
        }
        s.toolFingerprints = keepTools.compactMap { s.toolFingerprint($0) }
        s.findingFingerprints = keepFindings.compactMap { s.findingFingerprint($0) }
        s.assessment.tools = keepTools.map { s.assessment.tools[$0] }
        s.assessment.findings = keepFindings.map { s.assessment.findings[$0] }
        return (s, tally)
    }

    /// The run's review notes, from every server's tally; `servers` are the labels of every server of
    /// the run. Empty when the review changes nothing.
    public func notes(_ tally: Tally, servers: Set<String>) -> [String] {
        guard !isEmpty else { return [] }
        var out: [String] = []
        if accept != nil {
            let ledger = tally.ledger ?? accept.map { AcceptLedger(file: $0, now: now) }
            out += ledger?.notes(servers: servers, everyServerScanned: everyServerScanned) ?? []
        }
        let inBaseline = tally.inBaseline, belowMinimum = tally.belowMinimum
        if let baseline {
            out.append("baseline \(baseline.path): \(inBaseline) tool\(inBaseline == 1 ? "" : "s") or finding\(inBaseline == 1 ? "" : "s") "
                + "already reported there \(inBaseline == 1 ? "is" : "are") left out; only what is new is shown")
        }
        if let minSeverity, belowMinimum > 0 {
            out.append("\(belowMinimum) tool\(belowMinimum == 1 ? "" : "s") or finding\(belowMinimum == 1 ? "" : "s") below --min-severity \(minSeverity.rawValue) \(belowMinimum == 1 ? "is" : "are") not shown")
        }
        return out
    }

    private static func acceptance(_ m: AcceptLedger.Match) -> Acceptance {
        Acceptance(reason: m.entry.reason, reviewer: m.entry.reviewer, expires: m.entry.expires, expired: m.expired)
    }
}
