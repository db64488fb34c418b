import Foundation

/// Starts HTTP requests for one transport: `http://` on our own socket client (bounded memory, see
/// `SocketHTTPClient`), `https://` through libcurl loaded on first use (`CurlHTTPClient`, Linux) or one
/// URLSession with a data delegate, made on first use (macOS). None follows redirects: `RemoteHTTP.open`
/// does (same origin, bounded count).
final class HTTPDriver: @unchecked Sendable {
    private let lock = NSLock()
    private var live: [HTTPExchange] = []
    #if !os(Linux)
    private var urlSession: URLSessionHTTPClient?
    #endif
    private var closed = false

    init() {}

    /// Starts `request`; the exchange reports head, bytes and end.
    func start(_ request: HTTPRequest, step: String, maxBodyBytes: Int) -> HTTPExchange {
        let exchange = HTTPExchange(request: request, step: step, maxBodyBytes: maxBodyBytes)
        lock.lock()
        guard !closed else {
            lock.unlock()
            exchange.didComplete(error: .connectionFailed(detail: "the HTTP client was already closed"))
            return exchange
        }
        live.removeAll { $0.isEnded }
        live.append(exchange)
        let useSockets = request.url.scheme?.lowercased() == "http"
        #if os(Linux)
        lock.unlock()
        if useSockets { SocketHTTPClient.start(exchange) } else { CurlHTTPClient.start(exchange) }
        #else
        if !useSockets && urlSession == nil { urlSession = URLSessionHTTPClient() }
        let session = urlSession
        lock.unlock()
        if useSockets { SocketHTTPClient.start(exchange) } else { session?.start(exchange) }
        #endif
        return exchange
    }

    /// Cancels everything in flight (and releases the URLSession, where there is one).
    func shutdown() {
        lock.lock()
        closed = true
        let all = live
        live = []
        #if !os(Linux)
        let session = urlSession
        urlSession = nil
        #endif
        lock.unlock()
        for e in all { e.cancel() }
        #if !os(Linux)
        session?.shutdown()
        #endif
    }
}
