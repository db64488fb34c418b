import Foundation
import JSON

/// Legacy HTTP+SSE (2024-11-05): a GET opens an event stream whose first `endpoint` event names
/// where to POST; every answer arrives on the stream.
public actor LegacySSETransport: MessageTransport {
    private let http: RemoteHTTP
    private let inbound = HTTPMailbox<HTTPInbound>(capacity: HTTPInbound.queueCapacity)
    private let endpointBox = HTTPMailbox<Result<URL, MCPError>>()
    private var endpoint: URL?
    private var stream: HTTPExchange?
    private var pump: Task<Void, Never>?
    private var closed = false
    private var lastDiagnostics = ""

    /// A transport for the SSE URL `options.url`; call `open()` (or just `send`) to connect.
    public init(options: RemoteOptions) {
        http = RemoteHTTP(options: options, driver: HTTPDriver())
    }

    init(http: RemoteHTTP) { self.http = http }

    /// GETs the SSE stream and waits (connect timeout) for the `endpoint` event. Safe to call twice.
    public func open() async throws(MCPError) {
        if endpoint != nil { return }
        guard !closed else { throw .connectionFailed(detail: "the legacy SSE transport is closed") }
        if stream == nil {
            let url = http.options.url
            let (exchange, head) = try await http.open(http.request(url, method: "GET", accept: "text/event-stream"), step: "GET SSE stream")
            stream = exchange
            guard (200..<300).contains(head.status) else {
                let (error, _) = await http.failure(head, exchange, serverURL: url)
                lastDiagnostics = error.description
                throw error
            }
            guard head.mediaType == "text/event-stream" else {
                let body = (try? await HTTPBody.read(exchange, deadline: http.options.connectTimeout, limit: 4 << 10, truncate: true)) ?? []
                let error = MCPError.httpError(status: head.status, detail: "expected an SSE stream (text/event-stream); " + http.describe(head, body, step: "GET SSE stream"))
                lastDiagnostics = error.description
                throw error
            }
            pump = Task { await self.pumpStream(exchange, base: head.url ?? url) }
        }
        switch await endpointBox.take(timeout: http.options.connectTimeout) {
        case .item(.success(let url)): endpoint = url
        case .item(.failure(let error)): throw error
        case .finished: throw .protocolViolation(step: "GET SSE stream", detail: "the stream ended before an endpoint event")
        case .timedOut:
            throw .timeout(step: "GET SSE stream (waiting for the endpoint event)", seconds: http.options.connectTimeout, stderrTail: "")
        }
    }

    /// POSTs one message to the endpoint (opening the stream first if needed); the answer comes on the stream.
    public func send(_ message: JSONValue) async throws(MCPError) {
        try await open()
        guard let endpoint, !closed else { throw .connectionFailed(detail: "the legacy SSE transport is closed") }
        let step = "POST \(RPCShape.method(message).map { $0.visibleEscaped(limit: 60) } ?? "response") to the SSE endpoint"
        let (exchange, head) = try await http.open(http.request(endpoint, method: "POST", accept: "application/json, text/event-stream",
                                                                body: JSONWriter.compact.bytes(message)), step: step, maxBodyBytes: 64 << 10)
        guard (200..<300).contains(head.status) else {
            let (error, _) = await http.failure(head, exchange, serverURL: endpoint)
            lastDiagnostics = error.description
            throw error
        }
        exchange.cancel()  // "Accepted": the answer comes on the stream
    }

    /// The next message or anomaly from the SSE stream; nil once the server closed it.
    public func receive() async throws(MCPError) -> TransportEvent? {
        // The session driver times each request; this bound only stops a caller without timers from waiting forever.
        let idle = max(http.options.requestTimeout, http.options.connectTimeout) * 10
        switch await inbound.take(timeout: idle) {
        case .item(.event(let e)): return e
        case .item(.failure(let error)): throw error
        case .finished: return nil
        case .timedOut:
            throw .timeout(step: "waiting for a message on the SSE stream", seconds: idle, stderrTail: lastDiagnostics)
        }
    }

    /// Closes the stream and cancels everything in flight.
    public func close() async {
        guard !closed else { return }
        closed = true
        pump?.cancel()
        stream?.cancel()
        http.driver.shutdown()
        inbound.finish()
        endpointBox.finish()
    }

    /// The last HTTP error, for error messages.
    public func diagnostics() async -> String { lastDiagnostics }

    /// How the channel ended, once `receive` returned nil.
    public func endDescription() async -> String {
        lastDiagnostics.isEmpty ? "the server closed the SSE stream" : "the SSE stream ended: \(lastDiagnostics)"
    }

    private func pumpStream(_ exchange: HTTPExchange, base: URL) async {
        var framer = SSEFramer(maxEventBytes: min(http.options.maxBodyBytes, 8 << 20))
        var sawEndpoint = false
        do throws(MCPError) {
            while true {
                // The stream lives as long as the session; idle waits are bounded by receive(), total bytes by the exchange.
                switch try await exchange.next(deadline: 86_400 * 365, waiting: "reading the SSE stream") {
                case .head: continue
                case .bytes(let chunk):
                    for event in try framer.feed(chunk) {
                        if event.event == "endpoint" {
                            guard !sawEndpoint else { continue }
                            sawEndpoint = true
                            endpointBox.put(Self.resolveEndpoint(event.data, base: base))
                        } else {
                            // `send` waits while the reader is behind, so the stream waits in the server.
                            for item in http.inbound(from: event, step: "SSE stream") { await inbound.send(item) }
                        }
                    }
                case .end(let error):
                    if let error { throw error }
                    if !sawEndpoint {
                        endpointBox.put(.failure(.protocolViolation(step: "GET SSE stream", detail: "the stream ended before an endpoint event")))
                    }
                    inbound.finish()
                    return
                }
            }
        } catch {
            guard !closed else { return }
            lastDiagnostics = error.description
            if !sawEndpoint { endpointBox.put(.failure(error)) }
            inbound.put(.failure(error))
            inbound.finish()
        }
    }

    /// The endpoint URL, resolved against the stream URL; it must share the stream's scheme, host and port.
    static func resolveEndpoint(_ text: String, base: URL) -> Result<URL, MCPError> {
        let trimmed = text.trimmingHTTPWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= 4096, let url = URL(string: trimmed, relativeTo: base)?.absoluteURL else {
            return .failure(.protocolViolation(step: "GET SSE stream", detail: "the endpoint event does not hold a URL: \(RemoteRedaction.url(trimmed))"))
        }
        guard HTTPOrigin(url) == HTTPOrigin(base) else {
            return .failure(.protocolViolation(step: "GET SSE stream",
                detail: "the endpoint \(RemoteRedaction.url(url.absoluteString)) is on a different origin than the stream; refused"))
        }
        return .success(url)
    }
}
