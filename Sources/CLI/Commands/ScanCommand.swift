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
            Stdio servers run in a sandbox: no network, a read-only file system, secret places hidden, \
            a private HOME, TMPDIR and working directory (the --allow-* options lift parts of it).
            """,
        options: TargetOptions.specs + OutputPlan.specs + [
            .value("policy-out", "PATH", "Also write the starter policy (one server: a file; several: a folder)"),
            .value("policy-format", "FORMAT", "policylayer or intercept (default: from the --policy-out extension, else policylayer)"),
            .value("profile", "PROFILE", "Policy profile: strict, recommended (default) or permissive"),
        ] + ReviewOptions.scanSpecs,
        acceptsCommandAfterDashes: true)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        // The assessment's tables are built while the targets are read or started.
        RiskTables.buildInBackground()
        let all = ServerIdentity.disambiguated(try TargetOptions.targets(a, context: context))
        let targets = try ReviewOptions.selected(all, a)
        var options = try TargetOptions.scanOptions(a, context: context)
        // Saved files are read, assessed and rendered on every core unless --jobs says otherwise.
        if a.value("jobs") == nil && targets.allSatisfy(\.isSavedFile) { options.jobs = ProcessInfo.processInfo.activeProcessorCount }
        let plan = try OutputPlan(a)
        let failOn = try OutputPlan.failOn(a)
        let review = try ReviewOptions.review(a, failOn: failOn, everyServerScanned: targets.count == all.count)
        let rules = try ReviewOptions.rules(a)
        let color = try OutputPlan.color(a, context: context)
        let policyFormat = try a.choice("policy-format", as: PolicyFormat.self) ?? PolicyOutput.format(forPath: a.value("policy-out")) ?? .policylayer
        let profile = try a.choice("profile", as: PolicyProfile.self) ?? .recommended

        // Each server is read, assessed, reviewed and rendered, its parts go to the reports' spools, then it
        // is dropped; the reports are written once every server is in.
        let reports = try StreamedReports(plan, rules: BuiltinRules.all.map(\.description), color: color)
        var policies = try a.value("policy-out").map { try PolicyFiles(path: $0, format: policyFormat, labels: targets.map(\.label)) }
        var totals = ReportTotals(failOn: failOn)
        var tally = ReportReview.Tally()
        let progress = ProgressReporter(enabled: context.stderrIsTTY && targets.count > 1, context: context)
        let renderers = reports.renderers
        let scan = StreamingScan(options: options, policyFormat: policyFormat, policyProfile: profile, rules: rules)
        try await scan.run(targets) { done, total, label in
            progress.update(done: done, total: total, label: label)
        } prepare: { server, index in
            let (reviewed, one) = review.review(server)
            return (reviewed, one, renderers.map { $0.parts(reviewed, index: index) })
        } deliver: { prepared in
            let (server, one, parts) = prepared
            totals.add(server)
            tally.add(one)
            try reports.add(parts)
            try policies?.add(server)
        }
        progress.finish()
        totals.reviewNotes = review.notes(tally, servers: Set(targets.map(\.label)))
        try reports.finish(totals, generator: .init(version: MCPRisk.version))
        try policies?.finish()
        return totals.exitStatus
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
