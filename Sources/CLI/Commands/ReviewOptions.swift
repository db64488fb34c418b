import Catalogue
import Foundation
import Reports
import Risk
import Scanner

/// The options that decide what a run reports and counts: accepted risks, a baseline, which finding
/// rules run, which servers of a config, and the lowest severity shown (docs/policies.md).
enum ReviewOptions {
    static let acceptSpec = OptionSpec.value("accept", "FILE", "Accepted risks (mcprisk-accept.json): matching tools and findings are shown marked and do not count for --fail-on")
    static let serverSpec = OptionSpec.value("server", "NAME", repeatable: true, "Only the server with this label (a config key, or the target of a bare scan)")

    /// The specs `scan` takes.
    static let scanSpecs: [OptionSpec] = [
        acceptSpec,
        .value("baseline", "REPORT.json", "Report only tools and findings that are not in this earlier JSON report"),
        .value("rule", "ID", repeatable: true, "Run only this finding rule (see 'mcprisk rules'); capability and signal rules always run"),
        .value("exclude-rule", "ID", repeatable: true, "Do not run this finding rule"),
        serverSpec,
        .value("min-severity", "SEVERITY", "Show only tools and findings at or above low|medium|high|critical (at most --fail-on)"),
    ]

    /// The accept file named by `--accept`, read and checked.
    static func acceptFile(_ a: ParsedArguments) throws -> AcceptFile? {
        guard let path = a.value("accept") else { return nil }
        do { return try AcceptFile(contentsOf: path) } catch { throw UsageError("--accept: \(error.description)") }
    }

    /// The review `scan` applies, checked against `--fail-on`.
    static func review(_ a: ParsedArguments, failOn: Severity?, everyServerScanned: Bool) throws -> ReportReview {
        var review = ReportReview(accept: try acceptFile(a), everyServerScanned: everyServerScanned)
        if let path = a.value("baseline") {
            do { review.baseline = try Baseline(contentsOf: path) } catch { throw UsageError("--baseline: \(error.description)") }
        }
        if let raw = a.value("min-severity") {
            guard let s = Severity(caseInsensitive: raw) else { throw UsageError("--min-severity must be one of low|medium|high|critical, not '\(raw)'") }
            if let failOn, failOn < s {
                throw UsageError("--min-severity \(s.rawValue) would hide what --fail-on \(failOn.rawValue) fails on; give a --min-severity at or below --fail-on")
            }
            review.minSeverity = s
        }
        return review
    }

    /// The rules to run: every capability and signal rule, and the finding rules `--rule` and
    /// `--exclude-rule` select.
    static func rules(_ a: ParsedArguments) throws -> [any Rule] {
        let all = BuiltinRules.all
        let findingIds = all.filter { $0.description.kind == .finding }.map(\.description.id)
        func check(_ option: String) throws -> Set<String> {
            var ids = Set<String>()
            for raw in a.values(option) {
                for id in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                    if let rule = all.first(where: { $0.description.id == id }), rule.description.kind != .finding {
                        throw UsageError("--\(option) \(id): a \(rule.description.kind.rawValue) rule decides categories and signals and always runs; "
                            + "only finding rules can be chosen: \(findingIds.joined(separator: ", "))")
                    }
                    guard findingIds.contains(id) else {
                        throw UsageError("--\(option): unknown finding rule '\(id)'; finding rules are \(findingIds.joined(separator: ", "))")
                    }
                    ids.insert(id)
                }
            }
            return ids
        }
        let only = try check("rule"), excluded = try check("exclude-rule")
        guard !only.isEmpty || !excluded.isEmpty else { return all }
        return all.filter { rule in
            let d = rule.description
            guard d.kind == .finding else { return true }
            return (only.isEmpty || only.contains(d.id)) && !excluded.contains(d.id)
        }
    }

    /// The targets `--server` keeps (all when it is absent); a usage error names what there is.
    static func selected(_ targets: [PlannedTarget], _ a: ParsedArguments) throws -> [PlannedTarget] {
        let wanted = a.values("server")
        guard !wanted.isEmpty else { return targets }
        let labels = targets.map(\.label)
        for name in wanted where !labels.contains(name) {
            throw UsageError("--server \(name) names no server of this run; the servers are: \(labels.joined(separator: ", "))")
        }
        return targets.filter { wanted.contains($0.label) }
    }
}
