import DemoServer

/// `mcprisk demo-server`: serves the bundled demo over stdio (hidden; `scan --demo` spawns it), or over
/// HTTP on a loopback port for trying remote scans.
enum DemoServerCommand: CLICommand {
    static let spec = CommandSpec(
        name: "demo-server",
        usage: ["demo-server [--variant full|minimal|changed]", "demo-server --http PORT [--transport both|streamable|sse]"],
        summary: "Serve the bundled Acme Ops demo MCP server over stdio, or over HTTP on 127.0.0.1:PORT (0 picks a free port). 'mcprisk scan --demo' starts it for you.",
        options: [
            .value("variant", "VARIANT", "Which definitions to serve: full (default), minimal, changed (after a silent update)"),
            .value("http", "PORT", "Serve Streamable HTTP at /mcp and legacy SSE at /sse on 127.0.0.1:PORT instead of stdio"),
            .value("transport", "KIND", "With --http: both (default), streamable or sse"),
        ],
        maxPositionals: 0, hidden: true)

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> Int32 {
        let demo = DemoServer(variant: try arguments.choice("variant", as: DemoServer.Variant.self) ?? .full)
        guard let portText = arguments.value("http") else {
            if arguments.value("transport") != nil { throw UsageError("--transport goes with --http PORT") }
            demo.serveStdio()
        }
        guard let port = UInt16(portText) else { throw UsageError("--http takes a port number 0-65535, not '\(portText)'") }
        let mode = try arguments.choice("transport", as: DemoHTTPMode.self) ?? .both
        do {
            try demo.serveHTTP(port: port, mode: mode)
        } catch {
            throw CommandFailure("cannot serve on 127.0.0.1:\(port): \(error)")
        }
    }
}
