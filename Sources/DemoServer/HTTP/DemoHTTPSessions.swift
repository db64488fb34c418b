import Foundation

/// A blocking queue of SSE event texts for one legacy session's stream; nil marks the end.
final class DemoSSEOutbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [String] = []
    private var closed = false

    func put(_ event: String) {
        condition.lock(); defer { condition.unlock() }
        guard !closed, events.count < 1024 else { return }
        events.append(event)
        condition.signal()
    }

    func close() {
        condition.lock(); defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    /// The next event; `.some(nil)` once closed; nil when `timeout` passed first.
    func take(timeout: Double) -> String?? {
        condition.lock(); defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while events.isEmpty && !closed {
            if !condition.wait(until: deadline) { return nil }
        }
        if !events.isEmpty { return .some(events.removeFirst()) }
        return .some(nil)
    }
}

/// Session bookkeeping for the demo HTTP server, bounded so a client cannot grow it forever.
final class DemoHTTPSessions: @unchecked Sendable {
    private let lock = NSLock()
    private var streamable: [String] = []
    private var legacySessions: [String: DemoSSEOutbox] = [:]
    private static let maxSessions = 256

    static func newID() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    func newStreamable() -> String {
        let id = Self.newID()
        lock.lock(); defer { lock.unlock() }
        streamable.append(id)
        if streamable.count > Self.maxSessions { streamable.removeFirst() }
        return id
    }

    func hasStreamable(_ id: String) -> Bool { lock.lock(); defer { lock.unlock() }; return streamable.contains(id) }

    func removeStreamable(_ id: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let i = streamable.firstIndex(of: id) else { return false }
        streamable.remove(at: i)
        return true
    }

    func newLegacy() -> (String, DemoSSEOutbox) {
        let id = Self.newID()
        let outbox = DemoSSEOutbox()
        lock.lock(); defer { lock.unlock() }
        if legacySessions.count >= Self.maxSessions, let victim = legacySessions.keys.first {
            legacySessions.removeValue(forKey: victim)?.close()
        }
        legacySessions[id] = outbox
        return (id, outbox)
    }

    func legacy(_ id: String) -> DemoSSEOutbox? { lock.lock(); defer { lock.unlock() }; return legacySessions[id] }

    func removeLegacy(_ id: String) {
        lock.lock(); let o = legacySessions.removeValue(forKey: id); lock.unlock()
        o?.close()
    }

    func closeAll() {
        lock.lock(); let all = Array(legacySessions.values); legacySessions = [:]; lock.unlock()
        for o in all { o.close() }
    }
}
