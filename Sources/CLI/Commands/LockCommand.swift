import Catalogue
import Foundation
import JSON
import MCPClient
import Reports
import Risk
import Scanner
import TextOutput

/// `mcprisk lock TARGET... --output mcprisk.lock`: pins each server's tools for CI.
enum LockCommand: CLICommand {
    static let spec = CommandSpec(
        name: "lock",
        usage: ["lock [options] --output mcprisk.lock (--demo | URL | FILE.json | --config PATH | -- COMMAND [ARGS...])"],
        summary: """
            Pin each server's tools (name, category, definition hash) in a small text file meant to be committed; \
            'mcprisk verify FILE' re-scans and fails when anything drifted. Every server must be read completely.
            """,
        options: TargetOptions.specs + [.value("output", "FILE", short: "o", "The lock file to write (e.g. mcprisk.lock)")],
        acceptsCommandAfterDashes: true)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        guard let output = a.value("output") else { throw UsageError("lock needs --output FILE (e.g. --output mcprisk.lock)") }
        let targets = try TargetOptions.targets(a, context: context)
        let options = try TargetOptions.scanOptions(a, context: context)
        let scanned = await ScanPipeline(options: options).fetch(targets)
        var servers: [LockFile.Server] = []
        var problems: [String] = []
        for s in scanned {
            guard s.snapshot.completeness == .complete else {
                problems.append("\(s.planned.label): \(s.snapshot.error?.description ?? "not read completely")")
                continue
            }
            servers.append(LockFile.Server(name: s.planned.label, target: try PinTargets.words(s.planned),
                                           tools: PinTargets.tools(of: s.snapshot, label: s.planned.label)))
        }
        guard problems.isEmpty else {
            throw CommandFailure("nothing pinned: " + problems.map { TerminalEscaper.line($0, limit: 300) }.joined(separator: "; "))
        }
        if let repeated = Dictionary(grouping: servers, by: \.name).first(where: { $0.value.count > 1 })?.key {
            throw CommandFailure("two targets are both named \(TerminalEscaper.line(repeated)); pin them separately")
        }
        let lock = LockFile(servers: servers)
        try FileOutput.write(lock.text, to: output)
        let tools = servers.reduce(0) { $0 + $1.tools.count }
        context.out("pinned \(tools) tool\(tools == 1 ? "" : "s") of \(servers.count) server\(servers.count == 1 ? "" : "s") in \(output)\n")
        return 0
    }
}
