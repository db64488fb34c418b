import Risk

/// A reviewer's acceptance of one tool or finding (from an accept file), shown beside it in every
/// format. An accepted item stays in the report and does not count for `--fail-on`; an expired one
/// is shown with it and counts again.
public struct Acceptance: Sendable, Hashable {
    /// Why the risk is accepted.
    public var reason: String
    /// Who accepted it.
    public var reviewer: String
    /// The last day it holds (`YYYY-MM-DD`), if it expires.
    public var expires: String?
    /// True when it ran out: the item counts again.
    public var expired: Bool

    /// An acceptance from its parts.
    public init(reason: String, reviewer: String, expires: String? = nil, expired: Bool = false) {
        self.reason = reason; self.reviewer = reviewer; self.expires = expires; self.expired = expired
    }

    /// `accepted by ana: CI only (until 2027-06-30)` or `acceptance EXPIRED on 2020-01-01 (ana: CI only)`.
    public var summary: String {
        if expired { return "acceptance EXPIRED on \(expires ?? "?") (\(reviewer): \(reason))" }
        return "accepted by \(reviewer): \(reason)" + (expires.map { " (until \($0))" } ?? "")
    }
}

extension ServerReport {
    /// The fingerprint of tool `index` of the assessment, when the report carries fingerprints.
    public func toolFingerprint(_ index: Int) -> String? { toolFingerprints.indices.contains(index) ? toolFingerprints[index] : nil }
    /// The fingerprint of finding `index`, when the report carries fingerprints.
    public func findingFingerprint(_ index: Int) -> String? { findingFingerprints.indices.contains(index) ? findingFingerprints[index] : nil }
    /// The acceptance of tool `index`, if any (expired ones included).
    public func toolAcceptance(_ index: Int) -> Acceptance? { toolFingerprint(index).flatMap { acceptances[$0] } }
    /// The acceptance of finding `index`, if any (expired ones included).
    public func findingAcceptance(_ index: Int) -> Acceptance? { findingFingerprint(index).flatMap { acceptances[$0] } }

    /// The severities that count for `--fail-on`: every tool and finding not accepted (or whose acceptance expired).
    public var countedSeverities: [Severity] {
        let tools = assessment.tools.indices.filter { !(toolAcceptance($0).map { !$0.expired } ?? false) }.map { assessment.tools[$0].severity }
        let findings = assessment.findings.indices.filter { !(findingAcceptance($0).map { !$0.expired } ?? false) }.map { assessment.findings[$0].severity }
        return tools + findings
    }

    /// How many tools and findings are accepted (and not expired).
    public var acceptedCount: Int {
        assessment.tools.indices.filter { toolAcceptance($0)?.expired == false }.count
            + assessment.findings.indices.filter { findingAcceptance($0)?.expired == false }.count
    }
}
