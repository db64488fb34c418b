import Definitions
import Foundation
import JSON
import TestSupport
@testable import Risk

/// The threat corpus (Tests/Fixtures/threats, format and split rule in its README): poisoned and honest
/// definitions, each scanned as mcprisk scans a run of several servers, and scored.
enum ThreatCorpus {
    /// One case of the corpus.
    struct Case: Sendable {
        let id: String
        let group: String
        /// The attack class, or `honest`.
        let kind: String
        let language: String
        let place: String
        let server: ServerDefinitions
        let others: [ServerDefinitions]
        /// Where a poisoned case must be caught (nil for honest cases).
        let within: JSONPointer?
        /// The part of the split it is in.
        let part: Part
        /// True for the locked test part.
        var isTest: Bool { part == .test }

        var isPoisoned: Bool { within != nil }
    }

    /// What mcprisk made of one case.
    struct Outcome: Sendable {
        let testCase: Case
        /// Poisoned: caught at medium or higher within `expect.within`. Honest: flagged at medium or higher.
        let hit: Bool
        /// The findings at medium or higher on the scanned server, one line each.
        let findings: [String]
        /// Honest: flagged by a rule outside the threat rules too (the annotation checks judge the classifier).
        let flaggedByAnyRule: Bool
    }

    /// The threat rules' ids: the corpus measures them (README, "Scoring").
    static let threatRuleIds = Set(ThreatRules.all.map(\.description.id))

    /// The corpus folder.
    static let folder = RepoPaths.file("Tests/Fixtures/threats")

    /// The parts of the split (README, "Split").
    enum Part: String, Sendable { case train, retired, test }

    /// The split rule of the README: a group of the seventh batch (`b7-`) is the locked test part; the third
    /// to sixth batches (`b3-` to `b6-`) were each the locked part until the next came, and are retired; of the first two batches, a group whose SHA-256 (first eight bytes, big-endian) modulo 100 is
    /// below 40 was the locked part until the third came, and is retired too; the rest is train.
    static func part(group: String) -> Part {
        if group.hasPrefix("b7-") { return .test }
        if ["b3-", "b4-", "b5-", "b6-"].contains(where: group.hasPrefix) { return .retired }
        let digest = SHA256.digest(Array(group.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return value % 100 < 40 ? .retired : .train
    }

    /// Every case, poisoned then honest, in file order.
    static let cases: [Case] = {
        var out: [Case] = []
        for kind in ["poisoned", "honest"] {
            let dir = folder.appendingPathComponent(kind)
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            for file in files {
                guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(file).path),
                      let parsed = try? JSONParser().parse(Array(data)), let array = parsed.value.arrayValue else {
                    fatalError("threat corpus: \(kind)/\(file) is not a JSON array")
                }
                for value in array {
                    guard let id = value["id"]?.stringValue, let group = value["group"]?.stringValue,
                          let kindName = value["class"]?.stringValue, let server = value["server"] else {
                        fatalError("threat corpus: a case in \(kind)/\(file) lacks id, group, class or server")
                    }
                    out.append(Case(id: id, group: group, kind: kindName, language: value["language"]?.stringValue ?? "?",
                                    place: value["place"]?.stringValue ?? "?", server: ServerDefinitions(document: server),
                                    others: (value["otherServers"]?.arrayValue ?? []).map { ServerDefinitions(document: $0) },
                                    within: value["expect"]?["within"]?.stringValue.flatMap { JSONPointer($0) },
                                    part: part(group: group)))
                }
            }
        }
        return out
    }()

    /// True when a finding at `pointer` lies within `within`. A prompt's body (`/promptBodies/N/…`, what
    /// `prompts/get` returned) belongs to the prompt at `/prompts/N`.
    static func isWithin(_ pointer: JSONPointer, _ within: JSONPointer) -> Bool {
        if pointer.isWithin(within) { return true }
        let t = pointer.tokens, w = within.tokens
        guard t.count >= 2, t[0] == "promptBodies", w.count >= 1, w[0] == "prompts" else { return false }
        return w.count == 1 || (w.count == 2 && w[1] == t[1])
    }

    /// Scans one case the way a run of several servers is scanned: the case's server with its others.
    static func run(_ c: Case, assessor: Assessor = Assessor()) -> Outcome {
        let servers = [ReviewedServer(c.server, name: "scanned")] + c.others.enumerated().map { ReviewedServer($1, name: "other-\($0)") }
        let assessment = assessor.assess(servers: servers)[0]
        let anySerious = assessment.findings.filter { $0.severity >= .medium }
        let serious = anySerious.filter { threatRuleIds.contains($0.ruleId) }
        let lines = anySerious.map { "\($0.severity.rawValue) \($0.ruleId) \($0.location.pointer): \($0.message.prefix(300))" }
        let hit = c.within.map { within in serious.contains { isWithin($0.location.pointer, within) } } ?? !serious.isEmpty
        return Outcome(testCase: c, hit: hit, findings: lines, flaggedByAnyRule: !anySerious.isEmpty)
    }

    /// Counts of hits out of cases.
    struct Tally: Sendable {
        var hits = 0, total = 0
        mutating func add(_ hit: Bool) { total += 1; if hit { hits += 1 } }
        var rate: Double { total == 0 ? 0 : Double(hits) / Double(total) }
        var text: String { String(format: "%3d/%-3d %5.1f%%", hits, total, rate * 100) }
    }

    /// The figures of one part (train or test): poisoned caught and honest flagged, overall and by class,
    /// language and place.
    struct Figures: Sendable {
        var caught = Tally(), flagged = Tally(), flaggedByAnyRule = Tally()
        var byClass: [String: Tally] = [:], byLanguage: [String: (caught: Tally, flagged: Tally)] = [:]
        var byPlace: [String: (caught: Tally, flagged: Tally)] = [:], byTheme: [String: Tally] = [:]

        init(_ outcomes: [Outcome]) {
            for o in outcomes {
                let c = o.testCase
                if c.isPoisoned {
                    caught.add(o.hit)
                    byClass[c.kind, default: Tally()].add(o.hit)
                    byLanguage[c.language, default: (Tally(), Tally())].caught.add(o.hit)
                    byPlace[c.place, default: (Tally(), Tally())].caught.add(o.hit)
                } else {
                    flagged.add(o.hit)
                    flaggedByAnyRule.add(o.flaggedByAnyRule)
                    byTheme[c.theme, default: Tally()].add(o.hit)
                    byLanguage[c.language, default: (Tally(), Tally())].flagged.add(o.hit)
                    byPlace[c.place, default: (Tally(), Tally())].flagged.add(o.hit)
                }
            }
        }

        /// A printable table.
        func table(_ title: String) -> [String] {
            var lines = ["\(title): poisoned caught \(caught.text), honest flagged \(flagged.text) (by any rule, annotation checks included: \(flaggedByAnyRule.text))"]
            lines.append("  by class (caught)")
            for (k, t) in byClass.sorted(by: { $0.key < $1.key }) { lines.append("    \(k.padding(toLength: 24, withPad: " ", startingAt: 0)) \(t.text)") }
            lines.append("  by honest theme (flagged)")
            for (k, t) in byTheme.sorted(by: { $0.key < $1.key }) { lines.append("    \(k.padding(toLength: 24, withPad: " ", startingAt: 0)) \(t.text)") }
            lines.append("  by language (caught | flagged)")
            for (k, t) in byLanguage.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(k.padding(toLength: 24, withPad: " ", startingAt: 0)) \(t.caught.text) | \(t.flagged.text)")
            }
            lines.append("  by place (caught | flagged)")
            for (k, t) in byPlace.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(k.padding(toLength: 24, withPad: " ", startingAt: 0)) \(t.caught.text) | \(t.flagged.text)")
            }
            return lines
        }
    }
}

extension ThreatCorpus.Case {
    /// The honest theme (the file name), from the id: `honest/<theme>/<language>-<n>`.
    var theme: String { id.split(separator: "/").dropFirst().first.map(String.init) ?? "?" }
}
