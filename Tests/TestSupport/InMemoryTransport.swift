import JSON
import MCPClient

/// One end of an in-memory channel: what one end sends, the other receives, in order.
/// `close` on either end ends both directions, as a process exiting would.
public final class InMemoryTransport: MessageTransport, @unchecked Sendable {
    private let inbox: Mailbox
    private let outbox: Mailbox
    private let notes: Notes

    private init(inbox: Mailbox, outbox: Mailbox, notes: Notes) {
        self.inbox = inbox; self.outbox = outbox; self.notes = notes
    }

    /// A connected pair: the client side for the code under test, the server side for the test's script.
    public static func pair() -> (client: InMemoryTransport, server: InMemoryTransport) {
        let a = Mailbox(), b = Mailbox(), notes = Notes()
        return (InMemoryTransport(inbox: a, outbox: b, notes: notes), InMemoryTransport(inbox: b, outbox: a, notes: notes))
    }

    public func send(_ message: JSONValue) async throws(MCPError) {
        guard await outbox.put(.message(message, issues: [])) else { throw .connectionFailed(detail: "the in-memory peer is closed") }
    }

    /// Sends raw text as if it were one line on stdout: parsed the way the stdio transport parses,
    /// so duplicate keys and junk reach the peer exactly as they would from a process.
    public func sendLine(_ line: String) async {
        _ = await outbox.put(LineDecoder.event(for: Array(line.utf8), parser: JSONParser()))
    }

    public func receive() async throws(MCPError) -> TransportEvent? { await inbox.take() }

    /// The next message (skipping anomalies); nil once closed.
    public func receiveMessage() async -> JSONValue? {
        while let event = await inbox.take() {
            if case .message(let value, _) = event { return value }
        }
        return nil
    }

    public func close() async {
        await inbox.close()
        await outbox.close()
        await notes.markClosed()
    }

    public func diagnostics() async -> String { await notes.stderr }

    /// Sets what `diagnostics` returns on both ends (the server's "stderr").
    public func setDiagnostics(_ text: String) async { await notes.setStderr(text) }

    /// True once either end was closed.
    public func wasClosed() async -> Bool { await notes.closed }
}

/// Shared out-of-band state of a pair.
private actor Notes {
    var stderr = ""
    var closed = false
    func setStderr(_ text: String) { stderr = text }
    func markClosed() { closed = true }
}

/// An unbounded FIFO with one waiting consumer at a time.
private actor Mailbox {
    private var items: [TransportEvent] = []
    private var waiters: [CheckedContinuation<TransportEvent?, Never>] = []
    private var closed = false

    func put(_ event: TransportEvent) -> Bool {
        guard !closed else { return false }
        if !waiters.isEmpty { waiters.removeFirst().resume(returning: event) } else { items.append(event) }
        return true
    }

    func take() async -> TransportEvent? {
        if !items.isEmpty { return items.removeFirst() }
        if closed { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func close() {
        closed = true
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters = []
    }
}
