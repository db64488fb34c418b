#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares how the cost of some work grows with its input, in one process: the same shape at `n`
/// and `factor × n`, best of a few runs each. A linear algorithm gives a ratio near `factor`; a
/// quadratic one near `factor²`. Only a ratio is asserted, never an absolute time; times are the
/// thread's CPU time.
public enum GrowthCheck {
    /// The two best times and their ratio.
    public struct Result: Sendable, CustomStringConvertible {
        /// Best time at `n`, in seconds.
        public var small: Double
        /// Best time at `factor × n`, in seconds.
        public var large: Double
        /// How much larger the second input was.
        public var factor: Int
        /// `large / small`.
        public var ratio: Double { large / max(small, 1e-9) }
        public var description: String {
            "n: \(Int(small * 1e6)) µs, \(factor)n: \(Int(large * 1e6)) µs, ratio \(Double(Int(ratio * 10)) / 10)"
        }
    }

    /// Builds the input for `n` and for `factor × n` (outside the timing), then times `work` on each,
    /// alternating. On a shared machine a neighbour can slow any run, so when the ratio looks
    /// worse than `1.5 × factor` it is measured again (up to `attempts` times) and the best
    /// attempt is returned: a linear algorithm gets there, a quadratic one (`factor²`) never does.
    public static func measure<Input>(n: Int, factor: Int = 10, runs: Int = 3, attempts: Int = 3, input: (Int) -> Input,
                                      _ work: (Input) throws -> Void) rethrows -> Result {
        let small = input(n), large = input(n * factor)
        try work(small)  // warm up caches and lazy initialisation
        var best: Result?
        for _ in 0..<attempts {
            var times = (small: Double.infinity, large: Double.infinity)
            for _ in 0..<runs {
                times.small = min(times.small, try time { try work(small) })
                times.large = min(times.large, try time { try work(large) })
            }
            let result = Result(small: times.small, large: times.large, factor: factor)
            if best == nil || result.ratio < best!.ratio { best = result }
            if result.ratio < 1.5 * Double(factor) { break }
        }
        return best!
    }

    /// CPU time of this thread, so that time spent waiting for a core on a busy machine (which hits
    /// long runs harder than short ones) does not count.
    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = threadCPUTime()
        try body()
        return threadCPUTime() - start
    }

    private static func threadCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
