import Catalogue
import Foundation
import JSON
import MCPClient
import Reports
import Risk
import Scanner
import TextOutput

/// `mcprisk verify mcprisk.lock`: re-scans the pinned servers and names what drifted.
enum VerifyCommand: CLICommand {
    static let scanOptionNames = Set(["timeout", "env", "header", "bearer-token", "bearer-token-env", "jobs", "no-prompt-bodies"]).union(SandboxFlags.names)

    static let spec = CommandSpec(
        name: "verify",
        usage: ["verify [options] mcprisk.lock"],
        summary: """
            Re-scan every server pinned by 'mcprisk lock' and compare: tools added, removed, renamed (same definition, \
            new name) or changed, and servers missing. A changed tool shows what changed (description, schema, \
            annotations) and the rules run on both versions: one that gained a threat finding or a more dangerous \
            category is reported as a possible rug pull. Exit status: 0 no drift (or all of it accepted with --accept), \
            1 drift, 2 a pinned server could not be read.
            """,
        options: TargetOptions.specs.filter { scanOptionNames.contains($0.name) } + [
            .flag("json", "Print the drift as JSON"),
            ReviewOptions.acceptSpec,
        ],
        maxPositionals: 1)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        guard let path = a.positionals.first else { throw UsageError("verify needs the lock file, e.g. mcprisk verify mcprisk.lock") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        let lock: LockFile
        do { lock = try LockFile(text: String(decoding: data, as: UTF8.self), path: path) } catch { throw CommandFailure(error.description) }
        let options = try TargetOptions.scanOptions(a, context: context)
        let accept = try ReviewOptions.acceptFile(a)
        var planned: [PlannedTarget] = []
        var problems: [String] = []
        for server in lock.servers {
            if var target = try PinTargets.planned(server, context: context) {
                target.label = server.name
                planned.append(target)
            } else {
                problems.append("\(server.name): its target no longer names it")
            }
        }
        var current: [String: [LockedTool]] = [:]
        for s in await ScanPipeline(options: options).fetch(planned) {
            if s.snapshot.completeness == .complete {
                current[s.planned.label] = PinTargets.tools(of: s.snapshot, label: s.planned.label)
            } else {
                problems.append("\(s.planned.label): \(s.snapshot.error?.description ?? "not read completely")")
            }
        }
        let drift = LockVerifier.compare(lock: lock, current: current)
        let (accepted, notes) = acceptances(drift, accept: accept)
        let counted = drift.changes.indices.filter { accepted[$0] == nil || accepted[$0]!.expired }
        if a.flag("json") {
            var entries = drift.json.arrayValue ?? []
            for (i, acceptance) in accepted where entries.indices.contains(i) {
                guard var o = entries[i].objectValue else { continue }
                o["accepted"] = ["reason": .string(acceptance.reason), "reviewer": .string(acceptance.reviewer),
                                 "expires": acceptance.expires.map { .string($0) } ?? .null, "expired": .bool(acceptance.expired)]
                entries[i] = .object(o)
            }
            let document: JSONValue = ["drift": .array(entries), "unreadable": .array(problems.map { .string($0) }),
                                       "review": .array(notes.map { .string($0) })]
            context.out(JSONWriter.canonicalPretty.string(document) + "\n")
        } else {
            for (i, change) in drift.changes.enumerated() {
                context.out(TerminalEscaper.line(change.line, limit: 400) + "\n")
                for detail in change.detailLines { context.out("    " + TerminalEscaper.line(detail, limit: 600) + "\n") }
                if let acceptance = accepted[i] { context.out("    " + TerminalEscaper.line(acceptance.summary, limit: 400) + "\n") }
            }
            for note in notes { context.out("review: " + TerminalEscaper.line(note, limit: 400) + "\n") }
            for p in problems { context.err("cannot scan " + TerminalEscaper.line(p, limit: 400) + "\n") }
            if drift.isEmpty && problems.isEmpty { context.out("no drift: \(lock.servers.count) server(s) match \(path)\n") }
            else if counted.isEmpty && problems.isEmpty { context.out("all drift is accepted in \(accept?.path ?? "")\n") }
        }
        return problems.isEmpty ? (counted.isEmpty ? 0 : 1) : 2
    }

    /// The acceptance of each change, by index: an accept-file entry for the tool's current definition
    /// (a possible rug pull follows its tool's change), and the notes on entries that expired or matched nothing.
    static func acceptances(_ drift: Drift, accept: AcceptFile?) -> ([Int: Acceptance], [String]) {
        guard let accept else { return ([:], []) }
        var ledger = AcceptLedger(file: accept, now: Date())
        var out: [Int: Acceptance] = [:]
        var byTool: [String: Acceptance] = [:]
        for (i, change) in drift.changes.enumerated() {
            if case .possibleRugPull(let server, let c) = change {
                if let a = byTool[server + "\u{0}" + c.name] { out[i] = a }
                continue
            }
            guard let (tool, definition) = change.currentDefinition,
                  let m = ledger.match(server: change.server, fingerprint: Fingerprint.tool(definition), name: tool, rule: nil) else { continue }
            let acceptance = Acceptance(reason: m.entry.reason, reviewer: m.entry.reviewer, expires: m.entry.expires, expired: m.expired)
            out[i] = acceptance
            byTool[change.server + "\u{0}" + tool] = acceptance
        }
        // Only drifted tools are looked up, so an entry for an unchanged tool is not "unmatched": the
        // notes say which entries expired or name another tool.
        return (out, ledger.notes(servers: [], everyServerScanned: false))
    }
}
