import Definitions
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
    /// What the server said about itself and offered: every entry with a usable name (or uri), malformed or not.
    public var definitions: ServerDefinitions
    /// Odd but non-fatal events, in order.
    public var anomalies: [Anomaly]
    /// How much was read.
    public var completeness: Completeness
    /// Why it is not complete.
    public var error: MCPError?

    /// A snapshot from its parts.
    public init(target: String, definitions: ServerDefinitions = ServerDefinitions(), anomalies: [Anomaly] = [],
                completeness: Completeness = .complete, error: MCPError? = nil) {
        self.target = target; self.definitions = definitions; self.anomalies = anomalies
        self.completeness = completeness; self.error = error
    }

    /// A failed snapshot: nothing was read.
    public static func failed(target: String, error: MCPError, anomalies: [Anomaly] = []) -> ServerSnapshot {
        ServerSnapshot(target: target, anomalies: anomalies, completeness: .failed, error: error)
    }
}
