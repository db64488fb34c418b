import Foundation

/// A one-shot event that async code can wait on with a timeout: opened once by a thread (the
/// child has exited, stderr has ended), it releases every waiter at once, so nothing polls.
final class AsyncLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var open = false
    private var waiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
    private var nextID: UInt64 = 0

    /// Opens the latch, releasing every waiter with `true`. Later calls do nothing.
    func signal() {
        lock.lock()
        guard !open else { lock.unlock(); return }
        open = true
        let released = waiters.values
        waiters = [:]
        lock.unlock()
        for w in released { w.resume(returning: true) }
    }

    /// True once `signal` was called.
    var isOpen: Bool { lock.withLock { open } }

    /// Waits until the latch opens (true) or `seconds` pass (false).
    func wait(seconds: Double) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            lock.lock()
            if open { lock.unlock(); continuation.resume(returning: true); return }
            nextID += 1
            let id = nextID
            waiters[id] = continuation
            lock.unlock()
            let nanoseconds = Int(max(0, min(seconds, 86_400)) * 1e9)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in self?.expire(id) }
        }
    }

    private func expire(_ id: UInt64) {
        lock.lock()
        let waiter = waiters.removeValue(forKey: id)
        lock.unlock()
        waiter?.resume(returning: false)
    }
}
