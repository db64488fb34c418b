import Foundation
import Policy
import Reports
import Risk
import Scanner

/// `mcprisk scan`: the main job. Lists what servers offer, grades every tool, writes reports.
enum ScanCommand: CLICommand {
    static let spec = CommandSpec(
        name: "scan",
        usage: ["scan [options] --demo", "scan [options] -- COMMAND [ARGS...]", "scan [options] URL",
                "scan [options] FILE.json", "scan [options] --config PATH | --discover"],
        summary: """
            Scan MCP servers: list their tools, prompts, resources and instructions, classify every tool \
            (read, write, execute, destructive, financial) with quoted evidence, and report threats. \
            Stdio servers run without network access unless --allow-network is given.
            """,
        options: TargetOptions.specs + OutputPlan.specs + [
            .value("policy-out", "PATH", "Also write the starter policy (one server: a file; several: a folder)"),
            .value("policy-format", "FORMAT", "policylayer or intercept (default: from the --policy-out extension, else policylayer)"),
            .value("profile", "PROFILE", "Policy profile: strict, recommended (default) or permissive"),
        ],
        acceptsCommandAfterDashes: true)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        let targets = try TargetOptions.targets(a, context: context)
        var options = try TargetOptions.scanOptions(a, context: context)
        // Saved files are read, assessed and rendered on every core unless --jobs says otherwise.
        if a.value("jobs") == nil && targets.allSatisfy(\.isSavedFile) { options.jobs = ProcessInfo.processInfo.activeProcessorCount }
        let plan = try OutputPlan(a)
        let failOn = try OutputPlan.failOn(a)
        let color = try OutputPlan.color(a, context: context)
        let policyFormat = try a.choice("policy-format", as: PolicyFormat.self) ?? PolicyOutput.format(forPath: a.value("policy-out")) ?? .policylayer
        let profile = try a.choice("profile", as: PolicyProfile.self) ?? .recommended

        // Each server is read, assessed and rendered, its parts go to the reports' spools, then it is dropped.
        let reports = try StreamedReports(plan, rules: BuiltinRules.all.map(\.description), color: color)
        var policies = a.value("policy-out").map { PolicyFiles(path: $0, format: policyFormat, single: targets.count == 1) }
        var totals = ReportTotals(failOn: failOn)
        let progress = ProgressReporter(enabled: context.stderrIsTTY && targets.count > 1, context: context)
        let renderers = reports.renderers
        try await StreamingScan(options: options, policyFormat: policyFormat, policyProfile: profile).run(targets) { done, total, label in
            progress.update(done: done, total: total, label: label)
        } render: { server, index in
            renderers.map { $0.parts(server, index: index) }
        } deliver: { server, parts in
            totals.add(server)
            try reports.add(parts)
            try policies?.add(server)
        }
        progress.finish()
        try reports.finish(totals, generator: .init(version: MCPRisk.version))
        try policies?.finish()
        return totals.exitStatus
    }
}

/// Writes the starter policies carried in a report: one server to a file, several into a folder.
enum PolicyOutput {
    /// The policy format a file name's extension names (`.yaml`/`.yml` Intercept, `.json` PolicyLayer).
    static func format(forPath path: String?) -> PolicyFormat? {
        switch path.map({ ($0 as NSString).pathExtension.lowercased() }) {
        case "yaml", "yml": .intercept
        case "json": .policylayer
        default: nil
        }
    }

    static func write(_ report: Report, to path: String, format: PolicyFormat) throws {
        let withPolicy = report.servers.filter { $0.policy != nil }
        guard !withPolicy.isEmpty else { throw CommandFailure("no policy written to \(path): no server was read") }
        if report.servers.count == 1, let policy = withPolicy.first?.policy {
            try FileOutput.write(policy.text, to: path)
            return
        }
        let ext = format == .intercept ? "yaml" : "json"
        for server in withPolicy {
            let safe = String(server.displayName.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
            try FileOutput.write(server.policy!.text, to: (path as NSString).appendingPathComponent("\(safe).\(ext)"))
        }
    }
}

/// The one-line progress indicator on stderr while several servers are scanned (only on a terminal).
final class ProgressReporter: @unchecked Sendable {
    private let enabled: Bool
    private let context: CommandContext
    private let lock = NSLock()

    init(enabled: Bool, context: CommandContext) { self.enabled = enabled; self.context = context }

    func update(done: Int, total: Int, label: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        context.err(ProgressLine(done: done, total: total, current: label, width: 80).text)
    }

    func finish() {
        guard enabled else { return }
        context.err(ProgressLine.clear)
    }
}
