import Foundation
import JSON

/// Opens a transport to a remote MCP server.
public enum RemoteConnector {
    /// A transport for `options`: Streamable HTTP that falls back to legacy HTTP+SSE when its first POST
    /// is answered 400, 404 or 405 without a modern JSON-RPC error (never on 401/403, 5xx or network
    /// errors), or the one transport `options.transport` names. Legacy SSE connects here; Streamable
    /// HTTP connects with the first message.
    public static func connect(_ options: RemoteOptions) async throws(MCPError) -> any MessageTransport {
        if let host = options.url.host?.lowercased(), host == "invalid" || host.hasSuffix(".invalid") {
            // RFC 6761 §6.4: .invalid names never resolve; answer at once without asking a resolver.
            throw .connectionFailed(detail: "DNS lookup failed for \(host) (.invalid names never resolve, RFC 6761)")
        }
        switch options.transport {
        case .streamableHTTP:
            return StreamableHTTPTransport(options: options)
        case .legacySSE:
            let legacy = LegacySSETransport(options: options)
            do { try await legacy.open() } catch { await legacy.close(); throw error }
            return legacy
        case .auto:
            return RemoteTransport(options: options)
        }
    }
}

/// Streamable HTTP with the spec's fallback to legacy HTTP+SSE, decided on the first POST (usually
/// `initialize`), which is then replayed over the legacy transport. Which one won is reported once as
/// an anomaly of kind `legacy-sse-transport`.
public actor RemoteTransport: MessageTransport {
    private let options: RemoteOptions
    private var active: any MessageTransport
    private var decided = false
    private var switching = false
    private var generation = 0
    private var pendingNotes: [Anomaly] = []

    /// A transport for `options.url` that connects with the first message.
    public init(options: RemoteOptions) {
        self.options = options
        self.active = StreamableHTTPTransport(options: options)
    }

    /// `streamable-http` or `sse` once decided; nil before the first answer.
    public var transportName: String? {
        guard decided else { return nil }
        return active is LegacySSETransport ? "sse" : "streamable-http"
    }

    /// Sends over the current transport; the first message decides between Streamable HTTP and legacy SSE.
    public func send(_ message: JSONValue) async throws(MCPError) {
        guard !decided else { return try await active.send(message) }
        do {
            try await active.send(message)
            decided = true
        } catch {
            guard case .httpError(let status, let detail) = error, [400, 404, 405].contains(status) else {
                decided = true
                throw error
            }
            // A reader may be waiting in the old transport's receive(); it sees the switch and moves over.
            switching = true
            defer { switching = false }
            await active.close()
            let legacy = LegacySSETransport(options: options)
            do {
                try await legacy.open()
            } catch let legacyError {
                await legacy.close()
                decided = true
                if case .authenticationRequired = legacyError { throw legacyError }
                throw .httpError(status: status, detail: "\(detail); the legacy HTTP+SSE fallback failed too: \(legacyError)")
            }
            active = legacy
            generation += 1
            decided = true
            pendingNotes.append(Anomaly(kind: "legacy-sse-transport",
                message: "the Streamable HTTP POST was answered \(status); connected with the deprecated HTTP+SSE transport (2024-11-05)"))
            try await legacy.send(message)
        }
    }

    /// The next event from whichever transport is in use, following a switch made meanwhile.
    public func receive() async throws(MCPError) -> TransportEvent? {
        while true {
            if !pendingNotes.isEmpty { return .anomaly(pendingNotes.removeFirst()) }
            let current = active
            let seen = generation
            do {
                if let event = try await current.receive() { return event }
            } catch {
                if !(await movedOn(from: seen)) { throw error }
                continue
            }
            if !(await movedOn(from: seen)) { return nil }
        }
    }

    /// Waits out a transport switch in progress; true when a new transport took over since `seen`.
    private func movedOn(from seen: Int) async -> Bool {
        while switching, !Task.isCancelled { try? await Task.sleep(nanoseconds: 5_000_000) }
        return generation != seen
    }

    /// Closes the transport in use.
    public func close() async { await active.close() }

    /// The last HTTP error of the transport in use.
    public func diagnostics() async -> String { await active.diagnostics() }

    /// How the transport in use ended.
    public func endDescription() async -> String { await active.endDescription() }
}
