import Foundation
import MCPClient

/// Turns one target into a snapshot: starts and crawls a stdio server, crawls a remote one, or reads a
/// saved file. Never throws: every failure is a failed snapshot that says what went wrong.
struct SnapshotFetcher: Sendable {
    let options: ScanOptions

    func fetch(_ planned: PlannedTarget) async -> ServerSnapshot {
        switch planned.target {
        case .failure(let problem):
            return .failed(target: planned.display, error: .invalidTarget(problem.message))
        case .success(.file(let path)):
            return readFile(path)
        case .success(.stdio(let command)):
            return await crawlStdio(command, declaredIn: planned.source?.path)
        case .success(.remote(let endpoint)):
            return await crawlRemote(endpoint)
        }
    }

    var crawlOptions: CrawlOptions {
        var o = CrawlOptions()
        o.totalTimeout = options.timeout
        o.requestTimeout = min(o.requestTimeout, options.timeout)
        o.clientName = ClientIdentity.name
        o.clientVersion = MCPRisk.version
        o.readPromptBodies = options.readPromptBodies
        return o
    }

    func readFile(_ path: String) -> ServerSnapshot {
        let bytes: [UInt8]
        switch SavedFile.contents(path) {
        case .bytes(let read): bytes = read
        case .missing: return .failed(target: path, error: .invalidTarget("\(path) does not exist"))
        case .unreadable(let why): return .failed(target: path, error: .invalidTarget("\(path) cannot be read (\(why))"))
        case .tooLarge(let limit): return .failed(target: path, error: .invalidTarget("\(path) is larger than \(limit) bytes, the most one saved server may hold"))
        }
        do {
            return try ServerSnapshot(fileBytes: bytes, target: path)
        } catch {
            return .failed(target: path, error: error)
        }
    }

    /// Starts a stdio server (in the sandbox unless it is our own demo or `--no-sandbox` was given) and crawls it.
    func crawlStdio(_ command: StdioCommand, declaredIn config: String? = nil) async -> ServerSnapshot {
        let environment = command.environment.merging(options.environment) { _, cli in cli }
        // Resolve the program here, so a missing one is reported as such and not as a wrapper's failure.
        var program: String
        do {
            program = try ExecutableLookup.resolve(command.command, path: environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"],
                                                   currentDirectory: command.workingDirectory ?? ExecutableLookup.currentDirectory())
        } catch {
            return .failed(target: command.display, error: error)
        }
        var arguments = command.arguments
        var sandbox: Sandbox.Prepared?
        if options.sandbox.enabled && !command.isTrustedDemo {
            do {
                let prepared = try Sandbox.prepare(program: program, arguments: arguments, workingDirectory: command.workingDirectory,
                                                   options: options.sandbox, hidden: config.map { [$0] } ?? [])
                (program, arguments) = (prepared.program, prepared.arguments)
                sandbox = prepared
            } catch {
                let reason = Sandbox.isAvailable ? error.description : Sandbox.unavailableMessage
                return .failed(target: command.display, error: .spawnFailed(command: command.command, reason: reason))
            }
        }
        defer { sandbox?.cleanUp() }
        // The sandbox's HOME and TMPDIR come last: they win over the config's, being the only writable places.
        let launch = StdioLaunch(command: program, arguments: arguments, environment: environment,
                                 plainEnvironment: sandbox?.environment ?? [:], workingDirectory: command.workingDirectory)
        let transport: StdioTransport
        do {
            transport = try StdioTransport.launch(launch)
        } catch {
            return .failed(target: command.display, error: error)
        }
        return await Crawler(options: crawlOptions).crawl(transport, target: command.display)
    }
}

extension SnapshotFetcher {
    /// Crawls a remote server: Streamable HTTP falling back to legacy SSE unless the config named one.
    /// The config's headers come first, `--header` ones override them; the target shown is redacted.
    func crawlRemote(_ endpoint: RemoteEndpoint) async -> ServerSnapshot {
        let headers = endpoint.headers + options.headers
        let url: URL
        do {
            url = try RemoteOptions.validatedURL(endpoint.url)
        } catch {
            return .failed(target: redactedTarget(url: endpoint.url, headers: headers), error: error)
        }
        let kind: RemoteTransportKind = switch endpoint.hint {
        case .auto: .auto
        case .streamableHTTP: .streamableHTTP
        case .sse: .legacySSE
        }
        let crawl = crawlOptions
        let remote = RemoteOptions(url: url, headers: headers, connectTimeout: min(15, crawl.requestTimeout),
                                   requestTimeout: crawl.requestTimeout, transport: kind)
        return await Crawler(options: crawl).crawl(remote: remote)
    }
}
