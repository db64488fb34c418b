import Testing
import TestSupport
@testable import MCPClient

/// Feeds `input` at once, byte by byte, and at seeded random splits; all three must agree.
/// (TestSupport's `FramerVerifier` is for the newline framer; this is its SSE twin.)
private func frameEveryWay(_ input: [UInt8], maxEventBytes: Int = 1 << 20) throws -> [SSEEvent] {
    var whole = SSEFramer(maxEventBytes: maxEventBytes)
    let atOnce = try whole.feed(input) + whole.finish()

    var single = SSEFramer(maxEventBytes: maxEventBytes)
    var byteByByte: [SSEEvent] = []
    for b in input { byteByByte += try single.feed([b]) }
    byteByByte += single.finish()
    #expect(byteByByte == atOnce, "byte-by-byte feeding differs from feeding at once")

    var rng = SplitMix64(seed: UInt64(input.count) &* 0x9E37_79B9)
    for round in 0..<20 {
        var framer = SSEFramer(maxEventBytes: maxEventBytes)
        var events: [SSEEvent] = []
        var i = 0
        while i < input.count {
            let n = Int(rng.next() % 7) + 1
            events += try framer.feed(input[i..<min(input.count, i + n)])
            i += n
        }
        events += framer.finish()
        #expect(events == atOnce, "random split round \(round) differs")
    }
    return atOnce
}

@Suite struct SSEFramerTests {
    @Test func messageEventsWithEveryLineEnding() throws {
        for eol in ["\n", "\r\n", "\r"] {
            let text = "event: message\(eol)data: {\"a\":1}\(eol)\(eol)data: second\(eol)\(eol)"
            let events = try frameEveryWay(Array(text.utf8))
            #expect(events == [SSEEvent(event: "message", data: "{\"a\":1}"), SSEEvent(event: "message", data: "second")], "eol \(eol.debugDescription)")
        }
    }

    @Test func mixedLineEndingsAndCRLFSplitAcrossChunks() throws {
        let text = "data: a\r\ndata: b\rdata: c\n\r\nevent: x\r\rdata: d\n\n"
        let events = try frameEveryWay(Array(text.utf8))
        #expect(events == [SSEEvent(data: "a\nb\nc"), SSEEvent(event: "message", data: "d")])
        var f = SSEFramer()
        #expect(try f.feed(Array("data: z\r".utf8)).isEmpty)
        #expect(try f.feed(Array("\n\r\n".utf8)) == [SSEEvent(data: "z")])
    }

    @Test func commentsFieldsWithoutSpaceAndUnknownFields() throws {
        let text = ": keep-alive\n:another\ndata:no-space\ndata:  two spaces\nfoo: bar\ndata\n\n"
        let events = try frameEveryWay(Array(text.utf8))
        #expect(events == [SSEEvent(data: "no-space\n two spaces\n")])
    }

    @Test func idAndRetryPersistAcrossEvents() throws {
        let text = "id: 7\nretry: 1500\ndata: one\n\ndata: two\n\nid\ndata: three\n\nretry: soon\nid: a\u{0}b\ndata: four\n\n"
        let events = try frameEveryWay(Array(text.utf8))
        #expect(events.map(\.id) == ["7", "7", "", ""])
        #expect(events.map(\.retry) == [1500, 1500, 1500, 1500])
        #expect(events.map(\.data) == ["one", "two", "three", "four"])
    }

    @Test func emptyDataIsDispatchedButNoDataIsNot() throws {
        let text = "id: prime\ndata:\n\nid: only-id\n\nevent: endpoint\ndata: /messages?sessionId=1\n\n"
        var f = SSEFramer()
        let events = try f.feed(Array(text.utf8))
        #expect(events == [SSEEvent(data: "", id: "prime"), SSEEvent(event: "endpoint", data: "/messages?sessionId=1", id: "only-id")])
        #expect(f.lastEventID == "only-id")
    }

    @Test func leadingBOMIsSkippedOnlyAtTheStart() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let events = try frameEveryWay(bom + Array("data: x\n\n".utf8) + bom + Array("data: y\n\n".utf8))
        #expect(events.map(\.data) == ["x"])  // a later BOM makes "\u{FEFF}data" an unknown field, ignored
        let partial = try frameEveryWay([0xEF, 0xBB] + Array("data: z\n\n".utf8))
        #expect(partial.count == 0)  // "\u{FFFD}data: z" is an unknown field, so nothing is dispatched
    }

    @Test func unterminatedEventAtEndIsDiscarded() throws {
        let events = try frameEveryWay(Array("data: done\n\ndata: cut off\n".utf8))
        #expect(events.map(\.data) == ["done"])
    }

    @Test func multiByteUTF8SplitAnywhere() throws {
        let text = "data: héllo → 世界 😀\n\n"
        #expect(try frameEveryWay(Array(text.utf8)).map(\.data) == ["héllo → 世界 😀"])
    }

    @Test func oversizedEventIsRefusedEvenWithoutLineBreaks() throws {
        var f = SSEFramer(maxEventBytes: 64)
        #expect(throws: MCPError.self) { _ = try f.feed([UInt8](repeating: UInt8(ascii: "a"), count: 200)) }
        #expect(throws: MCPError.self) { _ = try f.feed(Array("\n\n".utf8)) }  // stays failed
        var g = SSEFramer(maxEventBytes: 64)
        do {
            for _ in 0..<10 { _ = try g.feed(Array("data: 0123456789\n".utf8)) }
            Issue.record("many data lines should exceed the event limit")
        } catch {
            #expect(error.kind == "limit-exceeded")
        }
        var h = SSEFramer(maxEventBytes: 64)
        for _ in 0..<100 { #expect(try h.feed(Array("data: 0123456789\n\n".utf8)).count == 1) }  // many small events are fine
    }
}
