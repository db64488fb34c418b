import Foundation
import Policy
import Reports
import Scanner

/// `mcprisk policy TARGET`: prints a starter policy for a gateway, derived from the scan.
enum PolicyCommand: CLICommand {
    static let spec = CommandSpec(
        name: "policy",
        usage: ["policy [options] --demo", "policy [options] -- COMMAND [ARGS...]", "policy [options] URL | FILE.json | --config PATH"],
        summary: """
            Print a deny-by-default starter policy for an agent gateway: reads allowed, writes and execution \
            rate-limited, destructive and financial calls denied, multi-action tools gated by their action argument.
            """,
        options: TargetOptions.specs + [
            .value("policy-format", "FORMAT", "policylayer (default) or intercept"),
            .value("profile", "PROFILE", "strict, recommended (default) or permissive"),
            .value("output", "PATH", short: "o", "Write the policy to PATH (a folder when there are several servers)"),
            ReviewOptions.serverSpec,
        ],
        acceptsCommandAfterDashes: true)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        let targets = try ReviewOptions.selected(ServerIdentity.disambiguated(try TargetOptions.targets(a, context: context)), a)
        let options = try TargetOptions.scanOptions(a, context: context)
        let format = try a.choice("policy-format", as: PolicyFormat.self) ?? PolicyOutput.format(forPath: a.value("output")) ?? .policylayer
        let profile = try a.choice("profile", as: PolicyProfile.self) ?? .recommended
        let scanned = await ScanPipeline(options: options).fetch(targets)
        let report = ScanPipeline.report(scanned, failOn: nil, policyFormat: format, policyProfile: profile)
        for server in report.servers where server.status != .complete {
            context.err("Error: \(server.displayName): \(server.failure?.message ?? "scan incomplete"); a policy from a partial list would miss tools\n")
        }
        if let path = a.value("output") {
            try PolicyOutput.write(report, to: path, format: format)
        } else {
            let texts = report.servers.compactMap { $0.policy?.text }
            // One policy file governs one server; several are written as files, never glued together.
            if texts.count > 1 {
                throw CommandFailure("\(texts.count) servers give \(texts.count) policies: use --output FOLDER to write one file each", status: 64)
            }
            context.out(texts.joined())
        }
        return report.isComplete ? 0 : 2
    }
}
