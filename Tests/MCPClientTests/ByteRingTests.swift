import Testing
import TestSupport
@testable import MCPClient

@Suite struct ByteRingTests {
    /// Appends `pieces` and returns what the ring keeps.
    private func kept(_ capacity: Int, _ pieces: [[UInt8]]) -> (contents: [UInt8], total: Int) {
        let ring = ByteRing(capacity: capacity)
        for piece in pieces { piece.withUnsafeBytes { ring.append($0) } }
        return (ring.contents, ring.totalBytes)
    }

    @Test func keepsEverythingUntilFull() {
        #expect(kept(8, []).contents == [])
        #expect(kept(8, [[1, 2, 3], [4]]) == ([1, 2, 3, 4], 4))
        #expect(kept(4, [[1, 2], [3, 4]]) == ([1, 2, 3, 4], 4))
    }

    @Test func keepsTheLastBytesAcrossTheWrap() {
        #expect(kept(4, [[1, 2, 3], [4, 5, 6]]) == ([3, 4, 5, 6], 6))
        #expect(kept(4, [[1, 2, 3], [4, 5, 6], [7]]) == ([4, 5, 6, 7], 7))
    }

    @Test func anAppendLargerThanTheRingKeepsItsTail() {
        #expect(kept(4, [[1], Array(10...19)]) == ([16, 17, 18, 19], 11))
        #expect(kept(4, [[1, 2, 3], Array(10...13)]) == ([10, 11, 12, 13], 7))
    }

    @Test func anyChunkingKeepsTheSameTail() {
        // The ring holds the last `capacity` bytes of everything appended, however it arrived.
        let input = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for capacity in [1, 7, 64, 4096, 6000] {
            let result = FramerVerifier.replayChunkings(input, randomRounds: 10) { sizes in
                kept(capacity, FramerVerifier.pieces(input, sizes).map(Array.init)).contents
            }
            #expect(result.success == Array(input.suffix(capacity)), "capacity \(capacity)")
        }
    }
}
