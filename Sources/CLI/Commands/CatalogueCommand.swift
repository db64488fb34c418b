import Catalogue
import Foundation
import Policy
import Reports
import Risk
import Scanner
import TextOutput

/// `mcprisk catalogue refresh|merge|report`: the nightly catalogue of MCP servers (docs/catalogue.md).
enum CatalogueCommand: CLICommand {
    static let spec = CommandSpec(
        name: "catalogue",
        usage: [
            "catalogue refresh [--catalogue DIR] [--reports DIR] [--jobs N] [--timeout SECONDS] [--shard I/N --output-dir DIR] [--accept FILE]",
            "catalogue merge SHARD_DIR... [--catalogue DIR] [--reports DIR] [--accept FILE]",
            "catalogue report [--catalogue DIR] [--reports DIR] [--policy-format FORMAT] [--jobs N] [--accept FILE]",
        ],
        summary: """
            Keep a catalogue of MCP servers: 'refresh' crawls every server of catalogue/manifest.json and stores \
            what it listed (a failing server keeps its last good snapshot) and writes the change report; \
            '--shard I/N --output-dir DIR' crawls a stable subset for 'merge' to join; 'report' re-renders every \
            server's report and policy from the stored snapshots without crawling. A changed tool that gained a threat \
            finding or a more dangerous category is a possible rug pull; --accept FILE (servers named by manifest id) \
            accepts reviewed definitions and findings. \
            Exit status: 0 all servers refreshed, 1 some failed or a possible rug pull is not accepted, 2 none (or the \
            catalogue is unusable), 64 usage error.
            """,
        options: [
            .value("catalogue", "DIR", "The catalogue folder (default: catalogue)"),
            .value("reports", "DIR", "Where reports are written (default: reports)"),
            .value("jobs", "N", "refresh: servers crawled at once (default 4); report: servers rendered at once (default: one per core)"),
            .value("timeout", "SECONDS", "refresh: time allowed per server (default 60)"),
            .value("shard", "I/N", "refresh: crawl only shard I of N (0-based), e.g. $JOB_COMPLETION_INDEX/16; needs --output-dir"),
            .value("output-dir", "DIR", "refresh: write results to DIR for 'catalogue merge' instead of into the catalogue"),
            .flag("allow-network", "refresh: let stdio servers use the network (the rest of the sandbox stays)"),
            .flag("no-sandbox", "refresh: start stdio servers without the sandbox, with your own rights"),
            .value("policy-format", "FORMAT", "report: policylayer (default) or intercept"),
            .value("accept", "FILE", "Accepted risks (mcprisk-accept.json, servers named by manifest id): marked in the reports, not counted"),
        ])

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        guard let verb = a.positionals.first else { throw UsageError("catalogue needs a subcommand: refresh, merge or report") }
        let store = CatalogueStore(root: URL(fileURLWithPath: a.value("catalogue") ?? "catalogue"))
        let shown = a.value("reports") ?? "reports"
        let reports = URL(fileURLWithPath: shown)
        let rest = Array(a.positionals.dropFirst())
        func only(_ allowed: Set<String>) throws {
            let refreshOnly = ["timeout", "shard", "output-dir", "allow-network", "no-sandbox"], reportOnly = ["policy-format"], shared = ["jobs"]
            if verb != "refresh" && verb != "merge" && verb != "report" && a.options["accept"] != nil {
                throw UsageError("--accept does not apply to 'catalogue \(verb)'")
            }
            for name in refreshOnly + reportOnly + shared where !allowed.contains(name) && a.options[name] != nil {
                throw UsageError("--\(name) does not apply to 'catalogue \(verb)'")
            }
        }
        do {
            switch verb {
            case "refresh":
                try only(["jobs", "timeout", "shard", "output-dir", "allow-network", "no-sandbox"])
                guard rest.isEmpty else { throw UsageError("'catalogue refresh' takes no arguments, got '\(rest[0])'") }
                return try await refresh(a, store: store, reports: reports, shown: shown, context: context)
            case "merge":
                try only([])
                guard !rest.isEmpty else { throw UsageError("'catalogue merge' needs the shard output folders") }
                let accept = try ReviewOptions.acceptFile(a)
                let outcome = try CatalogueMerger(store: store, assess: CatalogueTargets.assess)
                    .merge(shardDirectories: rest.map { URL(fileURLWithPath: $0) })
                return try finish(outcome, reports: reports, shown: shown, merged: true, accept: accept, context: context)
            case "report":
                try only(["policy-format", "jobs"])
                guard rest.isEmpty else { throw UsageError("'catalogue report' takes no arguments, got '\(rest[0])'") }
                let format = try a.choice("policy-format", as: PolicyFormat.self) ?? .policylayer
                let jobs = try a.positiveInt("jobs") ?? ProcessInfo.processInfo.activeProcessorCount
                let review = ReportReview(accept: try ReviewOptions.acceptFile(a), everyServerScanned: false)
                return try await CatalogueReportRun.run(store: store, reports: reports, shown: shown, policyFormat: format, jobs: jobs,
                                                        review: review, context: context)
            default:
                throw UsageError("unknown catalogue subcommand '\(verb)': use refresh, merge or report")
            }
        } catch let error as CatalogueError {
            throw CommandFailure(error.description, status: 2)
        }
    }

    static func refresh(_ a: ParsedArguments, store: CatalogueStore, reports: URL, shown: String, context: CommandContext) async throws -> Int32 {
        let accept = try ReviewOptions.acceptFile(a)
        let timeout = try a.seconds("timeout") ?? 60
        let jobs = try a.positiveInt("jobs") ?? 4
        guard jobs <= 512 else { throw UsageError("--jobs \(jobs) is too many: at most 512 servers are crawled at once") }
        let shard: Shard?
        do { shard = try a.value("shard").map { (text) throws(CatalogueError) in try Shard(parsing: text) } } catch { throw UsageError(error.description) }
        let output = a.value("output-dir").map { URL(fileURLWithPath: $0) }
        if shard != nil && output == nil { throw UsageError("--shard needs --output-dir: each shard writes its own folder for 'catalogue merge'") }
        let progress = ProgressReporter(enabled: context.stderrIsTTY, context: context)
        let refresher = CatalogueRefresher(
            store: store, jobs: jobs, timeout: timeout + CatalogueTargets.backstopSeconds, shard: shard, outputDirectory: output,
            mcpriskVersion: MCPRisk.version,
            crawl: CatalogueTargets.crawl(context: context, timeout: timeout, sandbox: try SandboxFlags.options(a)),
            assess: CatalogueTargets.assess,
            progress: { progress.update(done: $0.done, total: $0.total, label: $0.lastId) })
        let outcome = try await refresher.run()
        progress.finish()
        return try finish(outcome, reports: reports, shown: shown, accept: accept, context: context)
    }

    /// Writes the reports (when the catalogue itself changed) and says what happened.
    static func finish(_ outcome: RefreshOutcome, reports: URL, shown: String, merged: Bool = false, accept: AcceptFile? = nil,
                       context: CommandContext) throws -> Int32 {
        var lines = [merged ? outcome.summary.replacingOccurrences(of: "refreshed ", with: "merged ") : outcome.summary]
        for r in outcome.results {
            guard let f = r.status.failure else { continue }
            lines.append("  \(r.id): \(f.kind): \(TerminalEscaper.line(f.message, limit: 200)) (failed \(f.consecutiveFailures)× in a row)")
        }
        var status = outcome.exitStatus
        if var report = outcome.changeReport {
            if let accept {
                var ledger = AcceptLedger(file: accept, now: Date())
                report.apply(&ledger)
                lines += ledger.notes(servers: [], everyServerScanned: false).map { "review: " + TerminalEscaper.line($0, limit: 300) }
            }
            let written = try CatalogueReportWriter.write(report, to: reports)
            let names = written.map { "\(shown)/\($0.lastPathComponent)" }
            lines.append("reports: " + names.joined(separator: ", "))
            if report.possibleRugPulls > 0 {
                lines.append("possible rug pulls: \(report.possibleRugPulls) (see \(names[0]))")
                status = max(status, 1)
            }
        }
        context.out(lines.joined(separator: "\n") + "\n")
        return status
    }
}
