import Foundation

/// What waiting on a mailbox gave.
enum HTTPMailboxResult<Item: Sendable>: Sendable {
    case item(Item)
    case finished
    case timedOut
}

/// A thread-safe FIFO that async code waits on with a deadline. Producers are URLSession delegate
/// callbacks and pump tasks; consumers are transports. Unbounded by count: callers bound the bytes.
/// Not merged with the stdio `EventQueue`: that one blocks its reader thread when full; these producers must never block.
final class HTTPMailbox<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Item] = []
    private var head = 0
    private var finished = false
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<HTTPMailboxResult<Item>, Never>)] = []
    private var nextWaiterID: UInt64 = 0

    /// Adds an item, waking the oldest waiter. Ignored after `finish`.
    func put(_ item: Item) {
        lock.lock()
        guard !finished else { lock.unlock(); return }
        if !waiters.isEmpty {
            let w = waiters.removeFirst()
            lock.unlock()
            w.continuation.resume(returning: .item(item))
            return
        }
        items.append(item)
        lock.unlock()
    }

    /// No more items will come; waiters get `.finished` once the queue is drained.
    func finish() {
        lock.lock()
        finished = true
        let woken = waiters
        waiters = []
        lock.unlock()
        for w in woken { w.continuation.resume(returning: .finished) }
    }

    /// True once `finish` was called.
    var isFinished: Bool { lock.lock(); defer { lock.unlock() }; return finished }

    /// The next item, waiting at most `timeout` seconds; task cancellation counts as a timeout.
    func take(timeout: Double) async -> HTTPMailboxResult<Item> {
        let id: UInt64 = {
            lock.lock(); defer { lock.unlock() }
            nextWaiterID += 1
            return nextWaiterID
        }()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<HTTPMailboxResult<Item>, Never>) in
                lock.lock()
                if head < items.count {
                    let item = items[head]
                    head += 1
                    if head > 64 && head * 2 > items.count { items.removeFirst(head); head = 0 }
                    lock.unlock()
                    continuation.resume(returning: .item(item))
                    return
                }
                if finished || Task.isCancelled {
                    let result: HTTPMailboxResult<Item> = finished ? .finished : .timedOut
                    lock.unlock()
                    continuation.resume(returning: result)
                    return
                }
                waiters.append((id, continuation))
                lock.unlock()
                let deadline = DispatchTime.now() + .milliseconds(Int(max(0, min(timeout, 86_400)) * 1000))
                DispatchQueue.global().asyncAfter(deadline: deadline) { [weak self] in self?.expire(id) }
            }
        } onCancel: {
            expire(id)
        }
    }

    private func expire(_ id: UInt64) {
        lock.lock()
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { lock.unlock(); return }
        let w = waiters.remove(at: index)
        lock.unlock()
        w.continuation.resume(returning: .timedOut)
    }
}
