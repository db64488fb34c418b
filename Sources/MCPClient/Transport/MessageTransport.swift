import JSON

/// What a transport delivers upward: a parsed message, or something odd worth recording.
public enum TransportEvent: Sendable {
    /// One JSON-RPC message (object), with the parser's issues (duplicate keys, bad UTF-8).
    case message(JSONValue, issues: [JSONIssue])
    /// Something that was not a message (a banner line on stdout, an unparsable SSE event).
    case anomaly(Anomaly)
    /// A message longer than `limit` bytes, discarded unread (framing goes on after it). It answers the
    /// request in flight, if any: the session decides whether that ends the scan.
    case oversized(limit: Int)
}

/// A bidirectional channel of JSON-RPC messages to one server. Implementations: stdio child
/// process, Streamable HTTP, legacy HTTP+SSE, and an in-memory pair for tests.
public protocol MessageTransport: Sendable {
    /// Sends one message.
    func send(_ message: JSONValue) async throws(MCPError)
    /// The next event; nil when the server has closed the channel for good. Throws on transport failure.
    func receive() async throws(MCPError) -> TransportEvent?
    /// Ends the connection and releases everything (processes, sockets); safe to call twice.
    func close() async
    /// What the server said out of band (stderr tail, last HTTP error body), for error messages.
    func diagnostics() async -> String
    /// How the channel ended, once `receive` returned nil (e.g. `exit status 3`); for error messages.
    func endDescription() async -> String
}

extension MessageTransport {
    /// Transports that know nothing more say only that the connection closed.
    public func endDescription() async -> String { "connection closed" }
}
