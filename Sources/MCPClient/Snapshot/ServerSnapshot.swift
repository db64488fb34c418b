import JSON

/// How much of a server was read.
public enum Completeness: String, Sendable, Hashable {
    /// Everything the server advertised was listed.
    case complete
    /// Some lists were read, then something failed; what was read is kept.
    case partial
    /// Nothing usable was read.
    case failed
}

/// Exactly what one server offered at one moment, plus how the crawl went. Every stage after this is
/// offline: the same snapshot always gives the same assessment, report and policy.
public struct ServerSnapshot: Sendable {
    /// How the server was reached, for display (never contains secret values).
    public var target: String
    /// The negotiated protocol version.
    public var protocolVersion: String?
    /// `serverInfo` as sent.
    public var serverInfo: JSONValue?
    /// `capabilities` as sent.
    public var capabilities: JSONValue?
    /// `instructions` as sent.
    public var instructions: String?
    /// Valid tool entries, as sent.
    public var tools: [JSONValue]
    /// Valid prompt entries.
    public var prompts: [JSONValue]
    /// Valid resource entries.
    public var resources: [JSONValue]
    /// Valid resource template entries.
    public var resourceTemplates: [JSONValue]
    /// Parser issues (duplicate keys, invalid UTF-8, skipped deep subtrees) with pointers into this snapshot.
    public var parseIssues: [JSONIssue]
    /// Odd but non-fatal events, in order.
    public var anomalies: [Anomaly]
    /// How much was read.
    public var completeness: Completeness
    /// Why it is not complete.
    public var error: MCPError?

    /// A snapshot from its parts.
    public init(target: String, protocolVersion: String? = nil, serverInfo: JSONValue? = nil, capabilities: JSONValue? = nil,
                instructions: String? = nil, tools: [JSONValue] = [], prompts: [JSONValue] = [], resources: [JSONValue] = [],
                resourceTemplates: [JSONValue] = [], parseIssues: [JSONIssue] = [], anomalies: [Anomaly] = [],
                completeness: Completeness = .complete, error: MCPError? = nil) {
        self.target = target; self.protocolVersion = protocolVersion; self.serverInfo = serverInfo
        self.capabilities = capabilities; self.instructions = instructions; self.tools = tools; self.prompts = prompts
        self.resources = resources; self.resourceTemplates = resourceTemplates; self.parseIssues = parseIssues
        self.anomalies = anomalies; self.completeness = completeness; self.error = error
    }

    /// A failed snapshot: nothing was read.
    public static func failed(target: String, error: MCPError, anomalies: [Anomaly] = []) -> ServerSnapshot {
        ServerSnapshot(target: target, anomalies: anomalies, completeness: .failed, error: error)
    }

    /// `serverInfo.name`, if the server gave one.
    public var serverName: String? { serverInfo?["name"]?.stringValue }
    /// `serverInfo.version`, if the server gave one.
    public var serverVersion: String? { serverInfo?["version"]?.stringValue }
}
