import DemoServer

/// `mcprisk demo-server`: serves the bundled demo over stdio (hidden; `scan --demo` spawns it).
enum DemoServerCommand: CLICommand {
    static let spec = CommandSpec(
        name: "demo-server",
        usage: ["demo-server [--variant full|minimal|changed]"],
        summary: "Serve the bundled Acme Ops demo MCP server over stdio. 'mcprisk scan --demo' starts it for you.",
        options: [.value("variant", "VARIANT", "Which definitions to serve: full (default), minimal, changed (after a silent update)")],
        maxPositionals: 0, hidden: true)

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> Int32 {
        let variant = try arguments.choice("variant", as: DemoServer.Variant.self) ?? .full
        DemoServer(variant: variant).serveStdio()
    }
}
