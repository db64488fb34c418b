import Foundation

/// What waiting on a mailbox gave.
enum HTTPMailboxResult<Item: Sendable>: Sendable {
    case item(Item)
    case finished
    case timedOut
}

/// A thread-safe FIFO that async code waits on with a deadline. Producers are HTTP clients and pump
/// tasks; consumers are transports. `put` never waits (its callers bound the bytes themselves);
/// `send` waits while `capacity` items are queued, so a pump cannot outrun its reader.
/// Not merged with the stdio `EventQueue`: that one is read by a blocking thread; this one by async code with deadlines.
final class HTTPMailbox<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var items: [Item] = []
    private var head = 0
    private var finished = false
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<HTTPMailboxResult<Item>, Never>)] = []
    private var roomWaiters: [CheckedContinuation<Bool, Never>] = []
    private var nextWaiterID: UInt64 = 0

    /// A mailbox where `send` waits once `capacity` items are queued.
    init(capacity: Int = .max) { self.capacity = max(1, capacity) }

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

    /// Adds an item once fewer than `capacity` wait unread (at once after `finish`, which drops it).
    func send(_ item: Item) async {
        while true {
            let hasRoom: Bool = await withCheckedContinuation { (room: CheckedContinuation<Bool, Never>) in
                lock.lock()
                if finished || !waiters.isEmpty || items.count - head < capacity {
                    lock.unlock()
                    room.resume(returning: true)
                } else {
                    roomWaiters.append(room)  // resumed with false when an item is taken: check again
                    lock.unlock()
                }
            }
            if hasRoom { put(item); return }
        }
    }

    /// No more items will come; waiters get `.finished` once the queue is drained.
    func finish() {
        lock.lock()
        finished = true
        let woken = waiters
        waiters = []
        let producers = roomWaiters
        roomWaiters = []
        lock.unlock()
        for w in woken { w.continuation.resume(returning: .finished) }
        for p in producers { p.resume(returning: false) }
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
                    let producer = roomWaiters.isEmpty ? nil : roomWaiters.removeFirst()
                    lock.unlock()
                    continuation.resume(returning: .item(item))
                    producer?.resume(returning: false)
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
