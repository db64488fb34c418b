import Foundation

/// What a running request reports, in order: a head, body chunks, then one end.
enum HTTPExchangeEvent: Sendable {
    case head(HTTPResponseHead)
    case bytes([UInt8])
    case end(MCPError?)
}

/// One HTTP request in flight. A client (our socket client, or libcurl / URLSession for `https://`) feeds it; a
/// transport reads it with deadlines. Body bytes are counted as they arrive and the request is
/// cancelled past `maxBodyBytes`. A client that can wait (the socket and libcurl clients) calls `waitForRoom`
/// after each chunk, so at most `maxQueuedBytes` wait unread: the server then meets TCP backpressure.
final class HTTPExchange: @unchecked Sendable {
    let request: HTTPRequest
    let maxBodyBytes: Int
    /// Body bytes received but not yet taken by the reader before `waitForRoom` blocks.
    static let maxQueuedBytes = 1 << 20
    /// What we were doing, for error messages (e.g. "POST tools/list").
    let step: String
    let started = DispatchTime.now()

    private let lock = NSCondition()
    private let events = HTTPMailbox<HTTPExchangeEvent>()
    private var bodyBytes = 0
    private var queuedBytes = 0
    private var ended = false
    private var cancelTask: (@Sendable () -> Void)?

    init(request: HTTPRequest, step: String, maxBodyBytes: Int) {
        self.request = request; self.step = step; self.maxBodyBytes = maxBodyBytes
    }

    /// Called once the client's request exists, so `cancel` can stop it.
    func attach(cancel: @escaping @Sendable () -> Void) {
        lock.lock(); cancelTask = cancel; lock.unlock()
    }

    /// Stops the request; later events are dropped.
    func cancel() {
        lock.lock()
        let c = cancelTask
        let wasEnded = ended
        ended = true
        lock.broadcast()
        lock.unlock()
        c?()
        if !wasEnded { events.put(.end(nil)); events.finish() }
    }

    /// True once the exchange has ended (completed, failed or cancelled).
    var isEnded: Bool { lock.lock(); defer { lock.unlock() }; return ended }

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
        if over { ended = true } else { queuedBytes += bytes.count }
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
        lock.broadcast()
        lock.unlock()
        if !drop { events.put(.end(error)); events.finish() }
    }

    /// The reader took `count` body bytes: room for the client again.
    private func taken(_ count: Int) {
        lock.lock(); queuedBytes -= count; lock.signal(); lock.unlock()
    }

    /// Blocks the calling (client) thread while `maxQueuedBytes` or more wait unread; false once the
    /// exchange has ended (cancelled, over the limit), when the client should stop.
    func waitForRoom() -> Bool {
        lock.lock(); defer { lock.unlock() }
        while queuedBytes >= Self.maxQueuedBytes && !ended { lock.wait() }
        return !ended
    }

    // MARK: Consumer side

    /// The next event, or a timeout error once `deadline` seconds have passed since the request started.
    func next(deadline: Double, waiting: String) async throws(MCPError) -> HTTPExchangeEvent {
        let remaining = deadline - elapsed
        switch await events.take(timeout: max(0, remaining)) {
        case .item(let e):
            if case .bytes(let b) = e { taken(b.count) }
            return e
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
