import Foundation

/// Hands transport events from a reader thread to one async consumer. The reader blocks when
/// `limit` events are waiting (backpressure: the child then blocks on a full pipe instead of us
/// buffering without bound); `close` wakes everyone for good.
/// Not merged with `HTTPMailbox`: its producer must block when full, the mailbox's (HTTP client callbacks) must never block.
final class EventQueue: @unchecked Sendable {
    typealias Item = Result<TransportEvent, MCPError>
    private let condition = NSCondition()
    private let limit: Int
    private var items: [Item] = []
    private var head = 0
    private var ended = false
    private var closed = false
    private var waiter: CheckedContinuation<Item?, Never>?

    init(limit: Int) { self.limit = max(1, limit) }

    /// Adds an event, waiting while the queue is full; dropped once closed.
    func push(_ item: Item) {
        condition.lock()
        while items.count - head >= limit && !closed { condition.wait() }
        if closed || ended { condition.unlock(); return }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: item)
            return
        }
        items.append(item)
        condition.unlock()
    }

    /// Marks the end of the stream: after the queued events, `next` returns nil.
    func finish() {
        condition.lock()
        ended = true
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// Ends the queue now: queued events are dropped, the reader and the consumer are released.
    func close() {
        condition.lock()
        closed = true
        ended = true
        items = []; head = 0
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// The next event, waiting for one; nil at the end.
    func next() async -> Item? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Item?, Never>) in
            condition.lock()
            if head < items.count {
                let item = items[head]
                head += 1
                if head > 1024 && head * 2 > items.count { items.removeFirst(head); head = 0 }
                condition.broadcast()
                condition.unlock()
                continuation.resume(returning: item)
            } else if ended {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                // One consumer only: a second waiter would be a bug in the caller.
                precondition(waiter == nil, "EventQueue supports one consumer")
                waiter = continuation
                condition.unlock()
            }
        }
    }
}
