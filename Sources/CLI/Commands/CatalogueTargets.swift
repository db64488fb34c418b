import Catalogue
import Foundation
import MCPClient
import Risk
import Scanner

/// How `mcprisk catalogue` reaches the servers of a manifest: each entry becomes a scan target, and
/// the crawl and classifier handed to the refresher are the scanner's own.
enum CatalogueTargets {
    /// The scan target of a manifest entry, or why it cannot be reached (an environment variable it
    /// names is not set). A bare `mcprisk` command is this binary; `mcprisk demo-server` is trusted.
    static func target(_ entry: ManifestEntry, context: CommandContext) -> Result<ScanTarget, MCPError> {
        switch entry.launch {
        case .stdio(let command, let args, let envNames):
            var environment: [String: String] = [:]
            for name in envNames {
                guard let value = context.environment[name] else {
                    return .failure(.invalidTarget("the manifest passes environment variable \(name) to \(entry.id), but it is not set"))
                }
                environment[name] = value
            }
            let isSelf = command == "mcprisk"
            return .success(.stdio(StdioCommand(command: isSelf ? context.executablePath : command, arguments: args,
                                                environment: environment, isTrustedDemo: isSelf && args.first == "demo-server")))
        case .remote(let url, let headerNames):
            var headers: [HeaderSpec] = []
            for name in headerNames {
                let variable = ManifestEntry.headerEnvironmentName(name)
                guard let value = context.environment[variable] else {
                    return .failure(.invalidTarget("the manifest sends header \(name) to \(entry.id), but \(variable) is not set"))
                }
                headers.append(.init(name: name, value: value))
            }
            return .success(.remote(RemoteEndpoint(url: url, headers: headers)))
        }
    }

    /// The entry's target as reports show it: the command line with environment names (never values), or the URL
    /// with header names.
    static func displayTarget(_ entry: ManifestEntry) -> ScanTarget {
        switch entry.launch {
        case .stdio(let command, let args, let envNames):
            return .stdio(StdioCommand(command: command, arguments: args, environment: Dictionary(envNames.map { ($0, "") }, uniquingKeysWith: { a, _ in a })))
        case .remote(let url, let headerNames):
            return .remote(RemoteEndpoint(url: url, headers: headerNames.map { .init(name: $0, value: "") }))
        }
    }

    /// The refresher's crawl: the scanner's fetcher with `timeout` per server (the refresher's own
    /// deadline sits a little later, as a backstop that holds even if a crawl hangs).
    static func crawl(context: CommandContext, timeout: Double, sandbox: SandboxOptions) -> CatalogueRefresher.Crawl {
        let pipeline = ScanPipeline(options: ScanOptions(timeout: timeout, sandbox: sandbox, jobs: 1))
        return { entry in
            switch target(entry, context: context) {
            case .failure(let error):
                return .failed(target: entry.targetDescription, error: error)
            case .success(let target):
                let planned = PlannedTarget(label: entry.id, target: .success(target))
                return await pipeline.fetch([planned]).first?.snapshot
                    ?? .failed(target: entry.targetDescription, error: .invalidTarget("no result"))
            }
        }
    }

    /// The classifier, one server at a time (catalogue servers are graded independently).
    static let assess: CatalogueRefresher.Assess = { Assessor().assess($0) }

    /// Seconds the refresher's backstop deadline allows beyond the crawl's own timeout.
    static let backstopSeconds = 5.0
}
