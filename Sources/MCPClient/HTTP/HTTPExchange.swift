import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The status line and headers of an HTTP response.
struct HTTPResponseHead: Sendable {
    /// The status code.
    var status: Int
    /// Header fields with lowercased names.
    var headers: [String: String]
    /// The URL that answered (after followed redirects).
    var url: URL?

    /// A header by case-insensitive name.
    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The media type without parameters, lowercased (`application/json; charset=utf-8` → `application/json`).
    var mediaType: String? {
        guard let ct = header("content-type") else { return nil }
        return ct.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingHTTPWhitespace().lowercased() }
    }
}

/// What a running request reports, in order: a head, body chunks, then one end.
enum HTTPExchangeEvent: Sendable {
    case head(HTTPResponseHead)
    case bytes([UInt8])
    case end(MCPError?)
}

/// One HTTP request in flight. The URLSession delegate feeds it; a transport reads it with deadlines.
/// Body bytes are counted as they arrive and the request is cancelled past `maxBodyBytes`, so memory
/// stays bounded whatever the server sends.
final class HTTPExchange: @unchecked Sendable {
    let request: URLRequest
    let maxBodyBytes: Int
    /// What we were doing, for error messages (e.g. "POST tools/list").
    let step: String
    let started = DispatchTime.now()

    private let lock = NSLock()
    private let events = HTTPMailbox<HTTPExchangeEvent>()
    private var bodyBytes = 0
    private var ended = false
    private var cancelTask: (@Sendable () -> Void)?

    init(request: URLRequest, step: String, maxBodyBytes: Int) {
        self.request = request; self.step = step; self.maxBodyBytes = maxBodyBytes
    }

    /// Called once the URLSession task exists, so `cancel` can stop it.
    func attach(cancel: @escaping @Sendable () -> Void) {
        lock.lock(); cancelTask = cancel; lock.unlock()
    }

    /// Stops the request; later events are dropped.
    func cancel() {
        lock.lock()
        let c = cancelTask
        let wasEnded = ended
        ended = true
        lock.unlock()
        c?()
        if !wasEnded { events.put(.end(nil)); events.finish() }
    }

    /// Bytes of body received so far.
    var receivedBytes: Int { lock.lock(); defer { lock.unlock() }; return bodyBytes }

    /// Seconds since the request started.
    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    // MARK: Delegate side

    func didReceive(head: HTTPResponseHead) {
        lock.lock(); let drop = ended; lock.unlock()
        if !drop { events.put(.head(head)) }
    }

    func didReceive(bytes: [UInt8]) {
        lock.lock()
        guard !ended else { lock.unlock(); return }
        bodyBytes += bytes.count
        let over = bodyBytes > maxBodyBytes
        if over { ended = true }
        let c = cancelTask
        lock.unlock()
        if over {
            c?()
            events.put(.end(.limitExceeded(step: step, detail: "the response body exceeded \(maxBodyBytes) bytes (\(maxBodyBytes >> 20) MiB limit)")))
            events.finish()
        } else {
            events.put(.bytes(bytes))
        }
    }

    func didComplete(error: MCPError?) {
        lock.lock()
        let drop = ended
        ended = true
        lock.unlock()
        if !drop { events.put(.end(error)); events.finish() }
    }

    // MARK: Consumer side

    /// The next event, or a timeout error once `deadline` seconds have passed since the request started.
    func next(deadline: Double, waiting: String) async throws(MCPError) -> HTTPExchangeEvent {
        let remaining = deadline - elapsed
        switch await events.take(timeout: max(0, remaining)) {
        case .item(let e): return e
        case .finished: return .end(nil)
        case .timedOut:
            let got = receivedBytes
            cancel()
            throw .timeout(step: "\(step) (\(waiting); \(got) body bytes received)",
                           seconds: deadline, stderrTail: "")
        }
    }
}

/// Scheme, host and port of a URL, for same-origin checks.
struct HTTPOrigin: Equatable {
    var scheme: String
    var host: String
    var port: Int

    init(_ url: URL) {
        scheme = url.scheme?.lowercased() ?? ""
        host = url.host?.lowercased() ?? ""
        port = url.port ?? (scheme == "https" ? 443 : 80)
    }
}
