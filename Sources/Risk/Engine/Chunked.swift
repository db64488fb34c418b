import Dispatch

/// One server's items (tools, text fields, rules) read on several threads: the items are cut into runs
/// of consecutive indices, each run is read on any thread with state of its own, and the results come back
/// in index order, exactly as one thread reading them all would give them. With one job it is a plain loop.
enum Chunked {
    /// `body` over consecutive runs of `0..<count`, at most `size` items each, on up to `jobs` threads at
    /// once; each run's results in its order, the runs in theirs. `body` gets a run and returns one result
    /// per index in it.
    static func map<T: Sendable>(_ count: Int, jobs: Int, size: Int, _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
        guard jobs > 1, count > size else { return body(0..<count) }
        let runs = (count + size - 1) / size
        let out = Results<T>(count: runs)
        // `concurrentPerform` uses one thread per core; runs are taken in order as threads come free.
        DispatchQueue.concurrentPerform(iterations: runs) { r in
            let range = (r * size)..<min(count, (r + 1) * size)
            let results = body(range)
            precondition(results.count == range.count, "Chunked.map: a run gave \(results.count) results for \(range.count) items")
            out.set(r, results)
        }
        return out.joined()
    }

    /// How many items a run holds so that `jobs` threads get several runs each (uneven items even out).
    static func runSize(_ count: Int, jobs: Int) -> Int { max(1, count / max(1, jobs * 4)) }

    /// One slot per run, each written by one thread only, read after every thread finished.
    private final class Results<T>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<[T]>

        init(count: Int) {
            slots = .allocate(capacity: count)
            _ = slots.initialize(from: repeatElement([], count: count))
        }

        deinit {
            slots.baseAddress!.deinitialize(count: slots.count)
            slots.deallocate()
        }

        func set(_ run: Int, _ results: [T]) { slots[run] = results }

        func joined() -> [T] { Array(slots.joined()) }
    }
}
