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
    static let scanOptionNames: Set = ["timeout", "env", "header", "bearer-token", "bearer-token-env", "allow-network", "jobs"]

    static let spec = CommandSpec(
        name: "verify",
        usage: ["verify [options] mcprisk.lock"],
        summary: """
            Re-scan every server pinned by 'mcprisk lock' and compare: tools added, removed, renamed (same definition, \
            new name) or changed, and servers missing. Exit status: 0 no drift, 1 drift, 2 a pinned server could not be read.
            """,
        options: TargetOptions.specs.filter { scanOptionNames.contains($0.name) } + [.flag("json", "Print the drift as JSON")],
        maxPositionals: 1)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        guard let path = a.positionals.first else { throw UsageError("verify needs the lock file, e.g. mcprisk verify mcprisk.lock") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        let lock: LockFile
        do { lock = try LockFile(text: String(decoding: data, as: UTF8.self), path: path) } catch { throw CommandFailure(error.description) }
        let options = try TargetOptions.scanOptions(a, context: context)
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
        if a.flag("json") {
            let document: JSONValue = ["drift": drift.json, "unreadable": .array(problems.map { .string($0) })]
            context.out(JSONWriter.canonicalPretty.string(document) + "\n")
        } else {
            for line in drift.changes.map(\.line) { context.out(TerminalEscaper.line(line, limit: 400) + "\n") }
            for p in problems { context.err("cannot scan " + TerminalEscaper.line(p, limit: 400) + "\n") }
            if drift.isEmpty && problems.isEmpty { context.out("no drift: \(lock.servers.count) server(s) match \(path)\n") }
        }
        return problems.isEmpty ? (drift.isEmpty ? 0 : 1) : 2
    }
}
