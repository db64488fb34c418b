import Foundation
import MCPClient

/// Runs a crawl against a deadline. The crawl runs in its own task so the deadline holds even when the
/// crawl ignores cancellation: we stop waiting, cancel it, and move on (the crawl's own teardown ends
/// its child process).
enum Deadline {
    /// The crawl's result, or nil when `seconds` passed first.
    static func run(seconds: Double, _ operation: @escaping @Sendable () async -> ServerSnapshot) async -> ServerSnapshot? {
        let race = Race()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                race.start(continuation)
                let work = Task { race.finish(await operation()) }
                let timer = Task {
                    try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                    race.finish(nil)
                }
                race.attach(work: work, timer: timer)
            }
        } onCancel: {
            race.finish(nil)
        }
    }

    /// Whoever finishes first resumes the waiter; the other side is cancelled.
    private final class Race: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<ServerSnapshot?, Never>?
        private var finished = false
        private var work: Task<Void, Never>?
        private var timer: Task<Void, Never>?

        func start(_ c: CheckedContinuation<ServerSnapshot?, Never>) {
            lock.lock()
            if finished { lock.unlock(); c.resume(returning: nil); return }
            continuation = c
            lock.unlock()
        }

        func attach(work: Task<Void, Never>, timer: Task<Void, Never>) {
            lock.lock()
            let done = finished
            self.work = work; self.timer = timer
            lock.unlock()
            if done { work.cancel(); timer.cancel() }
        }

        func finish(_ value: ServerSnapshot?) {
            lock.lock()
            guard !finished else { lock.unlock(); return }
            finished = true
            let c = continuation; continuation = nil
            let w = work, t = timer
            lock.unlock()
            w?.cancel(); t?.cancel()
            c?.resume(returning: value)
        }
    }
}
