import Foundation
import JSON

/// What transports put in their inbound queue.
enum HTTPInbound: Sendable {
    case event(TransportEvent)
    case failure(MCPError)

    /// Messages a stream pump may queue ahead of the session before it waits.
    static let queueCapacity = 256
}

/// The HTTP plumbing both remote transports share: building requests with the configured headers,
/// waiting for heads, and turning unwanted statuses into clear errors.
struct RemoteHTTP: Sendable {
    let options: RemoteOptions
    let driver: HTTPDriver

    /// A request to `url` carrying the user's headers and bearer token.
    func request(_ url: URL, method: String, accept: String?, body: [UInt8]? = nil,
                 headers extra: [(String, String)] = []) -> HTTPRequest {
        var r = HTTPRequest(method: method, url: url, body: body, idleTimeout: max(options.requestTimeout, options.connectTimeout))
        // The user's headers first, so the protocol's own (Accept, Content-Type, session, version) win.
        for h in options.headers { r.setHeader(h.name, h.value) }
        if let token = options.bearerToken, !token.isEmpty, !options.hasAuthorizationHeader {
            r.setHeader("Authorization", "Bearer \(token)")
        }
        if let accept { r.setHeader("Accept", accept) }
        if body != nil { r.setHeader("Content-Type", "application/json") }
        for (name, value) in extra { r.setHeader(name, value) }
        return r
    }

    /// Sends `request` and waits for its head, following up to `maxRedirects` redirects on the same
    /// scheme, host and port ourselves (URLSession on Linux drops the body of a redirected POST).
    func open(_ request: HTTPRequest, step: String, maxBodyBytes: Int? = nil) async throws(MCPError) -> (HTTPExchange, HTTPResponseHead) {
        var current = request
        var hops = 0
        while true {
            let exchange = driver.start(current, step: step, maxBodyBytes: maxBodyBytes ?? options.maxBodyBytes)
            let head = try await self.head(exchange)
            let from = current.url
            guard [301, 302, 303, 307, 308].contains(head.status), let location = head.header("location"),
                  let target = URL(string: location, relativeTo: from)?.absoluteURL else { return (exchange, head) }
            exchange.cancel()
            let shown = RemoteRedaction.url(target.absoluteString)
            guard hops < options.maxRedirects else {
                throw .httpError(status: head.status, detail: "\(step): more than \(options.maxRedirects) redirects (the last to \(shown))")
            }
            guard HTTPOrigin(target) == HTTPOrigin(from) else {
                throw .httpError(status: head.status, detail: "\(step): redirected to \(shown), a different scheme, host or port; not followed")
            }
            hops += 1
            current.url = target
            if head.status == 303 { current.method = "GET"; current.body = nil; current.removeHeader("Content-Type") }
        }
    }

    /// Waits for the response head within the connect timeout.
    func head(_ exchange: HTTPExchange) async throws(MCPError) -> HTTPResponseHead {
        while true {
            switch try await exchange.next(deadline: options.connectTimeout, waiting: "connecting and waiting for the response head") {
            case .head(let head): return head
            case .bytes: continue
            case .end(let error):
                throw error ?? .connectionFailed(detail: "\(exchange.step): the connection closed before a response")
            }
        }
    }

    /// The error for a response that is not a success: auth, refused redirect, or status with an excerpt.
    /// Reads at most 64 KiB of the body.
    func failure(_ head: HTTPResponseHead, _ exchange: HTTPExchange, serverURL: URL) async -> (error: MCPError, body: [UInt8]) {
        if (300..<400).contains(head.status) {
            exchange.cancel()
            let reason = "redirect\(head.header("location").map { " to \(RemoteRedaction.url($0))" } ?? " without a Location") not followed"
            return (.httpError(status: head.status, detail: "\(exchange.step): \(reason)"), [])
        }
        let body = (try? await HTTPBody.read(exchange, deadline: options.requestTimeout, limit: 64 << 10, truncate: true)) ?? []
        if head.status == 401 || head.status == 403, !isOriginGuard(head, body) {
            return (await AuthChallenge.error(status: head.status, head: head, serverURL: serverURL, options: options, driver: driver), body)
        }
        return (.httpError(status: head.status, detail: describe(head, body, step: exchange.step)), body)
    }

    /// "POST tools/list: text/html: <excerpt>" — status is carried by the error itself.
    func describe(_ head: HTTPResponseHead, _ body: [UInt8], step: String) -> String {
        let type = head.mediaType.map { $0.visibleEscaped(limit: 60) } ?? "no content type"
        let excerpt = HTTPBody.excerpt(body, mediaType: head.mediaType, secrets: options.secretValues)
        return "\(step) answered with \(type)" + (excerpt.isEmpty ? " and an empty body" : ": \(excerpt)")
    }

    /// A TS SDK 403 for a bad Host/Origin header is DNS-rebinding protection, not an auth demand.
    private func isOriginGuard(_ head: HTTPResponseHead, _ body: [UInt8]) -> Bool {
        guard head.status == 403, let doc = HTTPBody.json(body, maxBytes: 64 << 10),
              let message = doc.value["error"]?["message"]?.stringValue else { return false }
        return message.range(of: "Host", options: .caseInsensitive) != nil || message.range(of: "Origin", options: .caseInsensitive) != nil
    }

    /// Parses an SSE `message` event into inbound items (a JSON array, as 2025-03-26 batches, gives several);
    /// other event types and empty data give none.
    func inbound(from event: SSEEvent, step: String) -> [HTTPInbound] {
        guard event.event == "message", !event.data.isEmpty else { return [] }
        do {
            let doc = try JSONParser(limits: JSONLimits(maxBytes: options.maxBodyBytes)).parse(Array(event.data.utf8))
            return (doc.value.arrayValue ?? [doc.value]).map { .event(.message($0, issues: doc.issues)) }
        } catch {
            return [.event(.anomaly(Anomaly(kind: "invalid-sse-data",
                message: "\(step): an SSE message event is not JSON (\(error)): \(RemoteRedaction.scrub(event.data, secrets: options.secretValues).visibleEscaped(limit: 120))")))]
        }
    }
}
