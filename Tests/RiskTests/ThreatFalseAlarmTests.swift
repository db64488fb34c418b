import Foundation
import JSON
import Testing
import TestSupport
@testable import Risk

/// The labelled snapshots of real public servers (Tests/Fixtures/eval/snapshots, or the folder named
/// by `MCPRISK_EVAL_DIR`): benign servers on which finding rules must stay quiet.
enum EvalSnapshots {
    /// The snapshots folder, when present.
    static let folder: URL? = {
        let base = ProcessInfo.processInfo.environment["MCPRISK_EVAL_DIR"].map { URL(fileURLWithPath: $0) }
            ?? RepoPaths.file("Tests/Fixtures/eval")
        let folder = base.appendingPathComponent("snapshots")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    /// Every snapshot as definitions, named after its file, sorted by name.
    static let servers: [(file: String, definitions: ReviewedServer)] = {
        guard let folder else { return [] }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().compactMap { file in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8),
                  let definitions = try? ReviewedServer(parsing: text, name: String(file.dropLast(5))) else { return nil }
            return (file, definitions)
        }
    }()

    /// True when the snapshots are there to test against.
    static var available: Bool { !servers.isEmpty }
    /// Why tests are skipped when they are not.
    static let missing: Comment = "no eval snapshots in Tests/Fixtures/eval/snapshots (set MCPRISK_EVAL_DIR to the folder holding snapshots/)"

    /// One line per hit, for review and failure messages.
    static func describe(_ hit: RuleHit, rule: String, file: String) -> String {
        let severity: String
        if case .finding(let s) = hit.effect { severity = (s ?? BuiltinRules.rule(id: rule)?.description.severity ?? .low).rawValue } else { severity = "-" }
        return "\(file) \(rule) [\(severity)] \(hit.pointer): \(hit.message.prefix(200)) — \"\(hit.quote.prefix(120))\""
    }

    /// Writes a review report to standard error (unbuffered, so it is not lost among the test output).
    static func report(_ lines: [String]) {
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// The severity a finding hit reports.
    static func severity(_ hit: RuleHit, rule: any Rule) -> Severity {
        if case .finding(let s) = hit.effect { return s ?? rule.description.severity }
        return rule.description.severity
    }
}

struct ThreatFalseAlarmTests {
    /// Each benign server alone: no finding of medium severity or more.
    @Test(.enabled(if: EvalSnapshots.available, EvalSnapshots.missing))
    func benignServersHaveNoMediumOrWorseFindings() {
        var alarms: [String] = []
        var low: [String] = []
        var tools = 0
        for (file, server) in EvalSnapshots.servers {
            tools += server.tools.count
            for rule in ThreatRules.all {
                for hit in rule.check(server) {
                    let line = EvalSnapshots.describe(hit, rule: rule.description.id, file: file)
                    if EvalSnapshots.severity(hit, rule: rule) >= .medium { alarms.append(line) } else { low.append(line) }
                }
            }
        }
        EvalSnapshots.report((["False-alarm check: \(EvalSnapshots.servers.count) servers, \(tools) tools: \(alarms.count) findings ≥ medium, \(low.count) low"]
            + low.map { "  low: \($0)" }))
        #expect(alarms.isEmpty, "false alarms on benign servers:\n\(alarms.joined(separator: "\n"))")
    }

    /// All benign servers scanned together: their descriptions must not read as shadowing each other's tools.
    @Test(.enabled(if: EvalSnapshots.available, EvalSnapshots.missing))
    func benignServersTogetherDoNotShadowEachOther() {
        let all = EvalSnapshots.servers
        var names: [String: [String]] = [:]
        for (_, server) in all { names[server.name] = server.tools.compactMap { $0["name"]?.stringValue } }
        var alarms: [String] = []
        var low: [String] = []
        var collisions = 0
        for (file, var server) in all {
            server.otherServersTools = names.filter { $0.key != server.name }
            for hit in ToolShadowingRule().check(server) {
                let line = EvalSnapshots.describe(hit, rule: "tool-shadowing", file: file)
                if EvalSnapshots.severity(hit, rule: ToolShadowingRule()) >= .medium { alarms.append(line) } else { low.append(line) }
            }
            collisions += ToolNameCollisionRule().check(server).count
        }
        EvalSnapshots.report(["Cross-server check: \(all.count) servers together: \(alarms.count) shadowing findings ≥ medium, \(low.count) low, \(collisions) name collisions (expected: servers share generic names)"]
            + low.map { "  low: \($0)" })
        #expect(alarms.isEmpty, "shadowing false alarms:\n\(alarms.joined(separator: "\n"))")
    }

    /// Signals on the benign servers, counted per rule and printed for review.
    @Test(.enabled(if: EvalSnapshots.available, EvalSnapshots.missing))
    func signalsOnBenignServersAreListedForReview() {
        var counts: [String: Int] = [:]
        var lines: [String] = []
        for (file, server) in EvalSnapshots.servers {
            for rule in SignalRules.all {
                for hit in rule.check(server) {
                    counts[rule.description.id, default: 0] += 1
                    if case .signal(let path) = hit.effect {
                        lines.append("\(file) \(rule.description.id) \(ThreatText.owner(of: hit.pointer, in: server)) \(path ?? hit.message)")
                    }
                }
            }
        }
        EvalSnapshots.report(["Signals: " + counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")])
        if ProcessInfo.processInfo.environment["MCPRISK_LIST_SIGNALS"] == "1" { EvalSnapshots.report(lines.map { "  signal: \($0)" }) }
        #expect(counts.values.reduce(0, +) > 0, "real servers take paths, URLs and content: no signal at all means the rules are broken")
    }
}
