import Foundation

/// Runs work against a deadline. The work runs in its own task so the deadline holds even when the
/// work ignores cancellation: we stop waiting, cancel it, and hand back its task so the caller can
/// give it a bounded chance to finish its teardown (a crawl's child process) before the run ends.
enum Deadline {
    /// The work's result, or nil when `seconds` passed first; and the work's task.
    static func run<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async -> T) async -> (value: T?, task: Task<Void, Never>) {
        let race = Race<T>()
        let work = Task { race.finish(await operation()) }
        let value = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                race.start(continuation)
                let timer = Task {
                    try? await Task.sleep(nanoseconds: UInt64(max(0, min(seconds, 1e9)) * 1_000_000_000))
                    race.finish(nil)
                }
                race.attach(work: work, timer: timer)
            }
        } onCancel: {
            race.finish(nil)
        }
        return (value, work)
    }

    /// Waits for `tasks` to finish, at most `seconds` in all.
    static func drain(_ tasks: [Task<Void, Never>], seconds: Double) async {
        guard !tasks.isEmpty else { return }
        _ = await run(seconds: seconds) { for t in tasks { await t.value } }
    }

    /// Whoever finishes first resumes the waiter; the other side is cancelled.
    private final class Race<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T?, Never>?
        private var result: T??
        private var work: Task<Void, Never>?
        private var timer: Task<Void, Never>?

        func start(_ c: CheckedContinuation<T?, Never>) {
            lock.lock()
            if let result { lock.unlock(); c.resume(returning: result); return }
            continuation = c
            lock.unlock()
        }

        func attach(work: Task<Void, Never>, timer: Task<Void, Never>) {
            lock.lock()
            let done = result != nil
            let timedOut = result.map { $0 == nil } ?? false
            self.work = work; self.timer = timer
            lock.unlock()
            if done { timer.cancel() }
            if timedOut { work.cancel() }
        }

        func finish(_ value: T?) {
            lock.lock()
            guard result == nil else { lock.unlock(); return }
            result = .some(value)
            let c = continuation; continuation = nil
            let w = work, t = timer
            lock.unlock()
            t?.cancel()
            if value == nil { w?.cancel() }
            c?.resume(returning: value)
        }
    }
}
