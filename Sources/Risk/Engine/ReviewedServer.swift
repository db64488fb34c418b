import Definitions
import JSON

/// One server as the rules see it: its definitions, the name it goes by in this run, and where it sits in
/// the run (the run's index of every server's tool names, for collision and shadowing checks). Members of the definitions
/// (`tools`, `prompts`, `instructions`, …) read through, so rules write `server.tools`.
@dynamicMemberLookup
public struct ReviewedServer: Sendable {
    /// What the server offers.
    public var definitions: ServerDefinitions
    /// The name for messages and cross-server checks: `serverInfo.name`, else how the run calls it.
    public var name: String
    /// The run this server is scanned in (`RunContext.alone` when scanned by itself).
    public var run: RunContext

    /// A reviewed server; `name` defaults to `serverInfo.name`, else "server".
    public init(_ definitions: ServerDefinitions, name: String? = nil, run: RunContext = .alone) {
        self.definitions = definitions
        self.name = definitions.serverName ?? name ?? "server"
        self.run = run
    }

    /// A member of the definitions.
    public subscript<T>(dynamicMember keyPath: KeyPath<ServerDefinitions, T>) -> T { definitions[keyPath: keyPath] }

    /// The document the pointers refer to.
    public var document: JSONValue { definitions.document }
}
