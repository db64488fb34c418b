import Foundation
import JSON

/// Streamable HTTP (2025-03-26 and later, including the stateless 2026-07-28 revision): every message
/// is a POST; a request's answer is a JSON body or an SSE stream that may also carry server requests.
/// Session id and protocol version are learned from the traffic, so any session driver works unchanged.
public actor StreamableHTTPTransport: MessageTransport {
    private let http: RemoteHTTP
    private let inbound = HTTPMailbox<HTTPInbound>(capacity: HTTPInbound.queueCapacity)
    private var sessionID: String?
    private var protocolVersion: String?
    private var initializeID: JSONValue?
    private var exchangesDone = 0
    private var pumps: [Task<Void, Never>] = []
    private var closed = false
    private var lastDiagnostics = ""

    /// A transport for `options.url`; nothing is sent until the first message.
    public init(options: RemoteOptions) {
        http = RemoteHTTP(options: options, driver: HTTPDriver())
    }

    init(http: RemoteHTTP) { self.http = http }

    /// True until the first POST got an answer; the fallback to legacy SSE only applies then.
    var isFirstExchange: Bool { exchangesDone == 0 }

    /// POSTs one message and waits for the response head; a JSON answer is read here, an SSE answer in the background.
    public func send(_ message: JSONValue) async throws(MCPError) {
        guard !closed else { throw .connectionFailed(detail: "the Streamable HTTP transport is closed") }
        let method = RPCShape.method(message)
        let id = RPCShape.id(message)
        let isRequest = method != nil && id != nil
        let step = "POST \(method.map { $0.visibleEscaped(limit: 60) } ?? "response")"
        var headers: [(String, String)] = []
        if let sessionID { headers.append(("Mcp-Session-Id", sessionID)) }
        if let modern = message["params"]?["_meta"]?["io.modelcontextprotocol/protocolVersion"]?.stringValue {
            headers.append(("MCP-Protocol-Version", modern))
            if let method { headers.append(("Mcp-Method", Self.headerSafe(method))) }
            let nameKey = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"][method ?? ""]
            if let key = nameKey, let name = message["params"]?[key]?.stringValue { headers.append(("Mcp-Name", Self.headerSafe(name))) }
        } else if let protocolVersion, method != "initialize" {
            headers.append(("MCP-Protocol-Version", protocolVersion))
        }
        if method == "initialize" { initializeID = id }
        let request = http.request(http.options.url, method: "POST", accept: "application/json, text/event-stream",
                                   body: JSONWriter.compact.bytes(message), headers: headers)
        let (exchange, head) = try await http.open(request, step: step)
        if let sid = head.header("mcp-session-id") { noteSession(sid) }
        defer { exchangesDone += 1 }

        guard (200..<300).contains(head.status) else {
            let (error, body) = await http.failure(head, exchange, serverURL: http.options.url)
            lastDiagnostics = error.description
            // A JSON-RPC error body answers the request: deliver it, unless this is the first POST and the
            // status is one that means "not Streamable HTTP" with no sign of the modern revision.
            if isRequest, let id, case .httpError = error, let doc = HTTPBody.json(body, maxBytes: 64 << 10),
               RPCShape.isErrorResponse(doc.value),
               RPCShape.isModernError(doc.value) || !isFirstExchange || ![400, 404, 405].contains(head.status) {
                inbound.put(.event(.message(RPCShape.withID(doc.value, id), issues: doc.issues)))
                return
            }
            throw error
        }
        guard isRequest, let id else {
            exchange.cancel()  // a notification or response: 202 (or any 2xx) and nothing to read
            return
        }
        switch head.mediaType {
        case "application/json":
            if let declared = head.header("content-length").flatMap({ Int($0.trimmingHTTPWhitespace()) }), declared > http.options.maxBodyBytes {
                exchange.cancel()
                throw .limitExceeded(step: step, detail: "the response declares \(declared) bytes (Content-Length), over the \(http.options.maxBodyBytes >> 20) MiB limit")
            }
            let body = try await HTTPBody.read(exchange, deadline: http.options.requestTimeout, limit: http.options.maxBodyBytes, truncate: false)
            let doc: JSONDocument
            do { doc = try JSONParser(limits: JSONLimits(maxBytes: http.options.maxBodyBytes)).parse(body) } catch {
                throw .protocolViolation(step: step, detail: "the JSON response is not valid JSON (\(error)): \(HTTPBody.excerpt(body, mediaType: nil, secrets: http.options.secretValues))")
            }
            for m in doc.value.arrayValue ?? [doc.value] { deliver(m, issues: doc.issues) }
        case "text/event-stream":
            let pump = Task { await self.pumpStream(exchange, requestID: id, step: step) }
            pumps.append(pump)
        default:
            let body = (try? await HTTPBody.read(exchange, deadline: http.options.requestTimeout, limit: 4 << 10, truncate: true)) ?? []
            if head.status == 202 && body.isEmpty {
                throw .protocolViolation(step: step, detail: "the server accepted the request (202) but sent no response")
            }
            let detail = "expected application/json or text/event-stream; " + http.describe(head, body, step: step)
            lastDiagnostics = detail
            throw .httpError(status: head.status, detail: detail)
        }
    }

    /// The next message, anomaly or stream failure from any response.
    public func receive() async throws(MCPError) -> TransportEvent? {
        // Each request's own deadline bounds the wait for its answer; this idle bound is a last resort
        // for callers without timeouts of their own (the Crawler has them).
        let idle = max(http.options.requestTimeout, http.options.connectTimeout) * 10
        switch await inbound.take(timeout: idle) {
        case .item(.event(let e)): return e
        case .item(.failure(let error)): throw error
        case .finished: return nil
        case .timedOut:
            throw .timeout(step: "waiting for a message from \(RemoteRedaction.url(http.options.url.absoluteString))",
                           seconds: idle, stderrTail: lastDiagnostics)
        }
    }

    /// Ends the session (DELETE when one was issued), cancels streams and releases the HTTP client.
    public func close() async {
        guard !closed else { return }
        closed = true
        for p in pumps { p.cancel() }
        pumps = []
        if let sessionID {
            // Ending the session is a courtesy: bounded, and any answer (405 included) is fine.
            var r = http.request(http.options.url, method: "DELETE", accept: nil, headers: [("Mcp-Session-Id", sessionID)])
            if let protocolVersion { r.setHeader("MCP-Protocol-Version", protocolVersion) }
            let e = http.driver.start(r, step: "DELETE session", maxBodyBytes: 4 << 10)
            _ = try? await e.next(deadline: min(http.options.connectTimeout, 5), waiting: "ending the session")
            e.cancel()
        }
        http.driver.shutdown()
        inbound.finish()
    }

    /// The last HTTP error, for error messages.
    public func diagnostics() async -> String { lastDiagnostics }

    /// How the channel ended, once `receive` returned nil.
    public func endDescription() async -> String { "the Streamable HTTP transport was closed" }

    /// The session id this transport uses, if the server issued one.
    public var currentSessionID: String? { sessionID }

    // MARK: Internals

    private func noteSession(_ value: String) {
        let ok = !value.isEmpty && value.count <= 1024 && value.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
        if ok { sessionID = value } else {
            inbound.put(.event(.anomaly(Anomaly(kind: "invalid-session-id",
                message: "the Mcp-Session-Id header is not visible ASCII of at most 1024 characters; ignored"))))
        }
    }

    private func deliver(_ m: JSONValue, issues: [JSONIssue]) {
        learnVersion(from: m)
        inbound.put(.event(.message(m, issues: issues)))
    }

    /// The negotiated version, from the answer to our initialize.
    private func learnVersion(from m: JSONValue) {
        if let initializeID, RPCShape.method(m) == nil, RPCShape.id(m) == initializeID,
           let v = m["result"]?["protocolVersion"]?.stringValue,
           !v.isEmpty, v.count <= 64, v.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) {
            protocolVersion = v
        }
    }

    /// Reads one request's SSE stream into the inbound queue until the response to `requestID` arrives.
    /// A stream that ends early after an event id is resumed by GET with `Last-Event-ID` (2025-11-25
    /// polling), at most twice, honouring `retry` up to 5 s.
    private func pumpStream(_ first: HTTPExchange, requestID: JSONValue, step: String) async {
        var exchange = first
        var framer = SSEFramer(maxEventBytes: min(http.options.maxBodyBytes, 8 << 20))
        var lastEventID: String?
        var retryMs: Int?
        var resumptions = 0
        do throws(MCPError) {
            while true {
                switch try await exchange.next(deadline: http.options.requestTimeout, waiting: "waiting on the SSE stream for the response") {
                case .head: continue
                case .bytes(let chunk):
                    let events = try framer.feed(chunk)
                    if let id = framer.lastEventID { lastEventID = id }
                    if let r = framer.retry { retryMs = r }
                    for event in events {
                        var answered = false
                        for item in http.inbound(from: event, step: step) {
                            // `send` waits while the reader is behind: a stream of notifications
                            // cannot pile up here faster than the session reads it.
                            guard case .event(.message(let m, _)) = item else { await inbound.send(item); continue }
                            learnVersion(from: m)
                            await inbound.send(item)
                            if RPCShape.method(m) == nil, RPCShape.id(m) == requestID { answered = true }
                        }
                        if answered {
                            exchange.cancel()  // got the answer; a server that keeps the stream open is not our problem
                            return
                        }
                    }
                case .end(let error):
                    if let error { throw error }
                    guard let resumeFrom = lastEventID, !resumeFrom.isEmpty, resumptions < 2, !closed else {
                        throw MCPError.protocolViolation(step: step, detail: "the SSE stream ended before the response arrived")
                    }
                    resumptions += 1
                    let delay = UInt64(min(max(retryMs ?? 1000, 0), 5000)) * 1_000_000
                    try? await Task.sleep(nanoseconds: delay)
                    exchange = try await resume(from: resumeFrom, step: step)
                    framer = SSEFramer(maxEventBytes: framer.maxEventBytes)
                }
            }
        } catch {
            guard !Task.isCancelled, !closed else { return }
            lastDiagnostics = error.description
            inbound.put(.failure(error))
        }
    }

    /// GETs the endpoint with `Last-Event-ID` to pick up a stream the server closed early.
    private func resume(from eventID: String, step: String) async throws(MCPError) -> HTTPExchange {
        var headers: [(String, String)] = [("Last-Event-ID", eventID)]
        if let sessionID { headers.append(("Mcp-Session-Id", sessionID)) }
        if let protocolVersion { headers.append(("MCP-Protocol-Version", protocolVersion)) }
        let request = http.request(http.options.url, method: "GET", accept: "text/event-stream", headers: headers)
        let resumeStep = "\(step) (resuming the SSE stream)"
        let (exchange, head) = try await http.open(request, step: resumeStep)
        guard (200..<300).contains(head.status) else { throw await http.failure(head, exchange, serverURL: http.options.url).error }
        guard head.mediaType == "text/event-stream" else {
            exchange.cancel()
            throw .httpError(status: head.status, detail: "\(resumeStep): expected text/event-stream, got \(head.mediaType ?? "no content type")")
        }
        return exchange
    }

    /// Header values that are not plain visible ASCII (or are space-padded) go as `=?base64?…?=` (2026-07-28 §4.7).
    static func headerSafe(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
            && value.first != " " && value.last != " " && !value.hasPrefix("=?")
        return plain ? value : "=?base64?" + Data(value.utf8).base64EncodedString() + "?="
    }
}
