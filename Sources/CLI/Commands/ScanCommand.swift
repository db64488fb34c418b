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
        let all = ServerIdentity.disambiguated(try TargetOptions.targets(a, context: context))
        let targets = try ReviewOptions.selected(all, a)
        let options = try TargetOptions.scanOptions(a, context: context)
        let plan = try OutputPlan(a)
        let failOn = try OutputPlan.failOn(a)
        let review = try ReviewOptions.review(a, failOn: failOn, everyServerScanned: targets.count == all.count)
        let rules = try ReviewOptions.rules(a)
        let color = try OutputPlan.color(a, context: context)
        let policyFormat = try a.choice("policy-format", as: PolicyFormat.self) ?? PolicyOutput.format(forPath: a.value("policy-out")) ?? .policylayer
        let profile = try a.choice("profile", as: PolicyProfile.self) ?? .recommended

        let progress = ProgressReporter(enabled: context.stderrIsTTY && targets.count > 1, context: context)
        let scanned = await ScanPipeline(options: options).fetch(targets) { done, total, label in
            progress.update(done: done, total: total, label: label)
        }
        progress.finish()
        let report = review.apply(to: ScanPipeline.report(scanned, failOn: failOn, policyFormat: policyFormat, policyProfile: profile, rules: rules))
        try plan.write(report, color: color, context: context)
        if let policyOut = a.value("policy-out") {
            try PolicyOutput.write(report, to: policyOut, format: policyFormat)
        }
        return report.exitStatus
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
