import Catalogue
import Foundation
import JSON
import MCPClient
import Reports
import Risk
import Scanner

/// How `lock` records each server's target in the pin file, and how `verify` reaches it again: the
/// target words as they would be given to `mcprisk lock` (never header or environment values).
enum PinTargets {
    /// The words that reach `planned` again; a failure when the target cannot be written down safely.
    static func words(_ planned: PlannedTarget) throws -> [String] {
        if let source = planned.source { return ["--config", source.path] }
        switch planned.target {
        case .failure(let problem):
            throw CommandFailure("cannot pin \(planned.label): \(problem.message)")
        case .success(.stdio(let c)) where c.isTrustedDemo:
            return ["--demo"] + (c.arguments.count >= 3 && c.arguments[1] == "--variant" ? ["--variant", c.arguments[2]] : [])
        case .success(.stdio(let c)):
            return ["--", c.command] + c.arguments
        case .success(.remote(let endpoint)):
            if endpoint.url.contains("?") || endpoint.display.contains("…@") {
                throw CommandFailure("cannot pin \(endpoint.display): its URL holds credentials or query values, which would be committed in the lock file")
            }
            return [endpoint.url]
        case .success(.file(let path)):
            return [path]
        }
    }

    /// The target a pinned server's words name, or nil when they no longer name it (e.g. a config
    /// file that lost the server).
    static func planned(_ server: LockFile.Server, context: CommandContext) throws -> PlannedTarget? {
        let parsed: ParsedArguments
        do { parsed = try ParsedArguments(server.target, spec: LockCommand.spec) } catch {
            throw CommandFailure("the lock file's target for \(server.name) is not valid: \(error.message)")
        }
        let candidates = try TargetOptions.targets(parsed, context: context)
        return candidates.first { $0.label == server.name } ?? (candidates.count == 1 && parsed.values("config").isEmpty ? candidates[0] : nil)
    }

    /// The pinned tools of a complete snapshot.
    static func tools(of snapshot: ServerSnapshot, label: String) -> [LockedTool] {
        let definitions = ScanPipeline.definitions(of: snapshot, label: label)
        return LockedTool.tools(definitions: snapshot.tools, assessment: Assessor().assess(definitions))
    }
}

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
