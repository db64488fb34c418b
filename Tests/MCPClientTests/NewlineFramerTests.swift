import MCPClient
import Testing
import TestSupport

@Suite struct NewlineFramerTests {
    private func lines(_ outputs: [NewlineFramer.Output]) -> [String] {
        outputs.map { output in
            switch output {
            case .line(let bytes): String(decoding: bytes, as: UTF8.self)
            case .oversized: "<oversized>"
            }
        }
    }

    private func replay(_ text: String, max: Int = 1 << 20, seed: UInt64 = 7) throws -> [String] {
        let outputs = try FramerVerifier.replay(Array(text.utf8), maxLineBytes: max, seed: seed).get()
        return lines(outputs)
    }

    @Test func splitsOnNewlinesAndStripsCarriageReturns() throws {
        #expect(try replay("{\"a\":1}\n{\"b\":2}\r\n\nlast") == ["{\"a\":1}", "{\"b\":2}", "", "last"])
    }

    @Test func keepsCarriageReturnsInsideALine() throws {
        #expect(try replay("a\rb\n\r\r\n") == ["a\rb", "\r"])
    }

    @Test func oversizedLineIsReportedOnceAndFramingRecovers() throws {
        #expect(try replay("12345\n1234567890\nok\n", max: 5) == ["12345", "<oversized>", "ok"])
    }

    @Test func lineOfExactlyTheLimitEndingInCRLFIsAccepted() throws {
        #expect(try replay("12345\r\n123456\r\nx", max: 5) == ["12345", "<oversized>", "x"])
    }

    @Test func oversizedUnfinishedLineIsDroppedAtTheEnd() throws {
        #expect(try replay("ok\n" + String(repeating: "z", count: 50), max: 10) == ["ok", "<oversized>"])
    }

    @Test(arguments: [1 as UInt64, 2, 3, 99, 12345])
    func randomInputsGiveTheSameLinesInEveryChunking(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let alphabet: [UInt8] = Array("ab{}\"\r\n\n é".utf8)
        let input = (0..<2000).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        let outputs = try FramerVerifier.replay(input, maxLineBytes: 40, seed: seed).get()
        #expect(outputs == Self.reference(input, maxLineBytes: 40))
    }

    /// What the framer must give, computed the plain way: split at every newline, drop one `\r` before
    /// it, and a line longer than the limit (a `\r` may use one byte more) becomes `.oversized`.
    static func reference(_ input: [UInt8], maxLineBytes: Int) -> [NewlineFramer.Output] {
        var pieces = input.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        let tail = pieces.removeLast()  // after the last newline: empty when the input ends with one
        func output(_ piece: [UInt8]) -> NewlineFramer.Output {
            guard piece.count <= maxLineBytes || (piece.count == maxLineBytes + 1 && piece.last == 0x0D) else { return .oversized }
            return .line(piece.last == 0x0D ? Array(piece.dropLast()) : piece)
        }
        return pieces.map(output) + (tail.isEmpty ? [] : [output(tail)])
    }

    @Test func runFeedsEveryChunkThenFinishes() {
        let whole = FramerVerifier.run(Array("a\nb\n".utf8), maxLineBytes: 10, chunks: [4])
        let split = FramerVerifier.run(Array("a\nb\n".utf8), maxLineBytes: 10, chunks: [1, 1, 1, 1])
        #expect(whole == split)
        #expect(lines(whole) == ["a", "b"])
    }
}
