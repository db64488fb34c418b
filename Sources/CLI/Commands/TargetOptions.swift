import Foundation
import MCPClient
import Reports
import Risk
import Scanner

/// The options every command that scans shares: what to scan and how to reach it.
enum TargetOptions {
    /// The option specs, in help order.
    static let specs: [OptionSpec] = [
        .flag("demo", "Scan the bundled demo server (started as 'mcprisk demo-server')"),
        .value("variant", "VARIANT", hidden: true, "Demo variant: full, minimal, changed"),
        .value("config", "PATH", repeatable: true, "Scan the servers of an MCP client config file (Claude, Cursor, VS Code, ...)"),
        .flag("discover", "Scan the servers of every MCP client config found in the usual places"),
        .value("timeout", "SECONDS", "Time allowed per server (default 60)"),
        .value("env", "NAME=value", repeatable: true, "Add a variable to stdio servers' environment"),
        .value("header", "'Name: value'", repeatable: true, "Add an HTTP header to remote requests; ${VAR} is expanded"),
        .value("bearer-token", "TOKEN", "Send 'Authorization: Bearer TOKEN' to remote servers"),
        .value("bearer-token-env", "VAR", "Read the bearer token from environment variable VAR"),
        .value("jobs", "N", "Servers scanned at once (default 4; saved files: one per core)"),
        .flag("no-prompt-bodies", "Do not read prompt bodies (by default each prompt is fetched with placeholder arguments)"),
    ] + SandboxFlags.specs

    /// The targets named by the arguments; a usage error when there are none or they conflict.
    static func targets(_ a: ParsedArguments, context: CommandContext) throws -> [PlannedTarget] {
        var planned: [PlannedTarget] = []
        if a.flag("demo") {
            let variant = a.value("variant") ?? "full"
            let demo = StdioCommand(command: context.executablePath, arguments: ["demo-server", "--variant", variant], isTrustedDemo: true)
            planned.append(PlannedTarget(label: "demo", target: .success(.stdio(demo))))
        }
        if let command = a.commandAfterDashes {
            guard let program = command.first else { throw UsageError("nothing after '--': give the server's command, e.g. -- python3 -m mcp_server_time") }
            planned.append(.direct(.stdio(StdioCommand(command: program, arguments: Array(command.dropFirst())))))
        }
        for positional in a.positionals {
            if positional.hasPrefix("http://") || positional.hasPrefix("https://") {
                planned.append(.direct(.remote(RemoteEndpoint(url: positional))))
            } else if positional.contains("://") {
                throw UsageError("'\(positional)' is not a target: only http:// and https:// URLs are supported")
            } else if SnapshotDirectory.isDirectory(positional) {
                // A folder of saved servers: every .json file below it, in path order.
                let files: [String]
                do { files = try SnapshotDirectory.files(in: positional) } catch { throw CommandFailure(error.message, status: 2) }
                guard !files.isEmpty else { throw CommandFailure("\(positional) holds no .json files to scan", status: 2) }
                planned += files.map { .direct(.file(path: $0)) }
            } else {
                planned.append(.direct(.file(path: positional)))
            }
        }
        let reader = ClientConfigReader(environment: context.environment)
        var configs = a.values("config")
        if a.flag("discover") {
            let found = ConfigDiscovery.existingConfigFiles(home: context.environment["HOME"] ?? NSHomeDirectory(),
                                                            cwd: FileManager.default.currentDirectoryPath)
            if found.isEmpty { throw CommandFailure("--discover found no MCP client config file in the usual places") }
            configs += found
        }
        for path in configs {
            do {
                planned += PlannedTarget.fromConfig(try reader.servers(inFileAt: path))
            } catch {
                throw CommandFailure(error.message, status: 2)
            }
        }
        guard !planned.isEmpty else {
            throw UsageError("nothing to scan: give --demo, a URL, a FILE.json, --config PATH, --discover, or -- COMMAND [ARGS...]")
        }
        return planned
    }

    /// The scan options named by the arguments.
    static func scanOptions(_ a: ParsedArguments, context: CommandContext) throws -> ScanOptions {
        var env: [String: String] = [:]
        for pair in a.values("env") {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else { throw UsageError("--env takes NAME=value, not '\(pair)'") }
            env[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        var headers: [HeaderSpec] = []
        do {
            for raw in a.values("header") { headers.append(try HeaderSpec.parse(raw, environment: context.environment)) }
            if let token = a.value("bearer-token") {
                headers.append(try HeaderSpec.bearer(try HeaderSpec.expand(token, environment: context.environment, context: "--bearer-token")))
            }
            if let variable = a.value("bearer-token-env") {
                guard let token = context.environment[variable], !token.isEmpty else {
                    throw UsageError("--bearer-token-env names \(variable), which is not set")
                }
                headers.append(try HeaderSpec.bearer(token))
            }
        } catch let error as MCPError {
            throw UsageError("--header/--bearer-token: \(error)")
        }
        var options = ScanOptions(timeout: try a.seconds("timeout") ?? 60, sandbox: try SandboxFlags.options(a), environment: env,
                                  headers: headers, jobs: try a.positiveInt("jobs") ?? 4)
        options.readPromptBodies = !a.flag("no-prompt-bodies")
        return options
    }
}
