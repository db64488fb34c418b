import MCPClient

/// Replays an input through a framer or parser (`NewlineFramer`, or any reader via `replayChunkings`)
/// all at once, byte by byte, and at seeded random splits, and checks that every chunking agrees.
public enum FramerVerifier {
    /// The outputs (when every chunking agrees) or a description of the first disagreement.
    public static func replay(_ input: [UInt8], maxLineBytes: Int, seed: UInt64 = 1, randomRounds: Int = 25)
        -> Result<[NewlineFramer.Output], FramerMismatch>
    {
        let result = replayChunkings(input, seed: seed, randomRounds: randomRounds) { run(input, maxLineBytes: maxLineBytes, chunks: $0) }
        return result.mapError { FramerMismatch(chunking: $0.chunking, expected: $0.expected, actual: $0.actual) }
    }

    /// Runs any byte-stream reader over `input` all at once, byte by byte, and at seeded random splits
    /// (`run` gets the chunk sizes and returns what the reader made of them); the outcome when every
    /// chunking agrees, or the first disagreement.
    public static func replayChunkings<Outcome: Equatable & Sendable>(_ input: [UInt8], seed: UInt64 = 1, randomRounds: Int = 25,
                                                           run: ([Int]) -> Outcome) -> Result<Outcome, ChunkingMismatch<Outcome>> {
        let whole = run([input.count])
        let byteByByte = run(Array(repeating: 1, count: input.count))
        if byteByByte != whole { return .failure(ChunkingMismatch(chunking: "byte by byte", expected: whole, actual: byteByByte)) }
        var rng = SplitMix64(seed: seed)
        for round in 0..<randomRounds {
            var sizes: [Int] = []
            var left = input.count
            while left > 0 {
                let size = Int(rng.next() % UInt64(min(left, 97))) + 1
                sizes.append(size)
                left -= size
            }
            let got = run(sizes)
            if got != whole { return .failure(ChunkingMismatch(chunking: "random split \(round) (seed \(seed)): \(sizes)", expected: whole, actual: got)) }
        }
        return .success(whole)
    }

    /// `input` cut into consecutive pieces of the given sizes (the last piece takes any rest).
    public static func pieces(_ input: [UInt8], _ sizes: [Int]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        for size in sizes where start < input.count {
            let end = min(input.count, start + size)
            out.append(input[start..<end])
            start = end
        }
        if start < input.count { out.append(input[start...]) }
        return out
    }

    /// The outputs of feeding `input` in chunks of the given sizes, then finishing.
    public static func run(_ input: [UInt8], maxLineBytes: Int, chunks: [Int]) -> [NewlineFramer.Output] {
        var framer = NewlineFramer(maxLineBytes: maxLineBytes)
        var out: [NewlineFramer.Output] = []
        var start = 0
        for size in chunks where start < input.count {
            let end = min(input.count, start + size)
            out += framer.feed(input[start..<end])
            start = end
        }
        if start < input.count { out += framer.feed(input[start...]) }
        return out + framer.finish()
    }
}

/// Two chunkings of the same input gave different outputs.
public struct FramerMismatch: Error, CustomStringConvertible {
    /// Which chunking differed from feeding everything at once.
    public var chunking: String
    /// The outputs when fed at once.
    public var expected: [NewlineFramer.Output]
    /// The outputs of the other chunking.
    public var actual: [NewlineFramer.Output]
    public var description: String { "\(chunking) gave \(actual), all at once gave \(expected)" }
}

/// Two chunkings of the same input gave different outcomes.
public struct ChunkingMismatch<Outcome: Equatable & Sendable>: Error, CustomStringConvertible {
    /// Which chunking differed from feeding everything at once.
    public var chunking: String
    /// The outcome when fed at once.
    public var expected: Outcome
    /// The outcome of the other chunking.
    public var actual: Outcome
    public var description: String { "\(chunking) gave \(actual), all at once gave \(expected)" }
}

/// A small deterministic generator (SplitMix64), so random splits are reproducible from a seed.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
