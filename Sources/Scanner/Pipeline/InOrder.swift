/// Work over `0..<count` done concurrently and handed over in index order.
public enum InOrder {
    /// Runs `work` for every index, at most `concurrency` at once, and gives the results to `deliver`
    /// in index order. At most `window` results exist at once (running or waiting for an earlier
    /// one), which bounds memory whatever the order they finish in.
    public static func run<T: Sendable>(count: Int, concurrency: Int, window: Int,
                                 _ work: @escaping @Sendable (Int) async -> T,
                                 deliver: (Int, T) throws -> Void) async throws {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var next = 0, delivered = 0, running = 0
            var waiting: [Int: T] = [:]
            func launch(_ group: inout ThrowingTaskGroup<(Int, T), any Error>) {
                while next < count && running < concurrency && next - delivered < window {
                    let i = next
                    group.addTask { (i, await work(i)) }
                    next += 1
                    running += 1
                }
            }
            launch(&group)
            while let (i, value) = try await group.next() {
                running -= 1
                waiting[i] = value
                while let ready = waiting.removeValue(forKey: delivered) {
                    try deliver(delivered, ready)
                    delivered += 1
                }
                launch(&group)
            }
        }
    }
}
