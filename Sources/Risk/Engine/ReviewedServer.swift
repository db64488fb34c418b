import Definitions
import JSON

/// One server as the rules see it: its definitions, the name it goes by in this run, and the tool names of
/// the other servers scanned with it (for collision and shadowing checks). Members of the definitions
/// (`tools`, `prompts`, `instructions`, …) read through, so rules write `server.tools`.
@dynamicMemberLookup
public struct ReviewedServer: Sendable {
    /// What the server offers.
    public var definitions: ServerDefinitions
    /// The name for messages and cross-server checks: `serverInfo.name`, else how the run calls it.
    public var name: String
    /// Names of tools offered by the other servers of the same scan, by server name.
    public var otherServersTools: [String: [String]]

    /// A reviewed server; `name` defaults to `serverInfo.name`, else "server".
    public init(_ definitions: ServerDefinitions, name: String? = nil, otherServersTools: [String: [String]] = [:]) {
        self.definitions = definitions
        self.name = definitions.serverName ?? name ?? "server"
        self.otherServersTools = otherServersTools
    }

    /// A member of the definitions.
    public subscript<T>(dynamicMember keyPath: KeyPath<ServerDefinitions, T>) -> T { definitions[keyPath: keyPath] }

    /// The document the pointers refer to.
    public var document: JSONValue { definitions.document }
}
