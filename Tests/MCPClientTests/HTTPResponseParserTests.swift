import Foundation
import Testing
import TestSupport
@testable import MCPClient

/// What a parser made of a whole input, however it was chunked: heads, body bytes joined, ends, error.
private struct Parsed: Equatable, CustomStringConvertible {
    var heads: [HTTPResponseHead] = []
    var body: [UInt8] = []
    var ends = 0
    var error: String?

    var head: HTTPResponseHead? { heads.first }
    var text: String { String(decoding: body, as: UTF8.self) }
    var description: String { "heads \(heads.map(\.status)) body \(body.count) B ends \(ends) error \(error ?? "none")" }
}

/// Feeds `input` in pieces of `sizes`, then closes the connection when `close` is true.
private func parse(_ input: [UInt8], sizes: [Int], method: String, limits: HTTPResponseLimits, close: Bool) -> Parsed {
    var parser = HTTPResponseParser(requestMethod: method, limits: limits)
    var out = Parsed()
    func take(_ outputs: [HTTPResponseParser.Output]) {
        for o in outputs {
            switch o {
            case .head(let h): out.heads.append(h)
            case .body(let b): out.body += b
            case .end: out.ends += 1
            }
        }
    }
    do throws(MCPError) {
        for piece in FramerVerifier.pieces(input, sizes) { take(try parser.feed(piece)) }
        if close { take(try parser.finish()) }
    } catch {
        // A refused response is refused whole: what came before the error in the same feed is not
        // delivered, so outcomes compare by the error alone.
        return Parsed(error: error.description)
    }
    return out
}

/// The outcome of `text`, checked to be the same at once, byte by byte and at random splits.
private func replay(_ text: String, method: String = "POST", limits: HTTPResponseLimits = .standard, close: Bool = true) -> Parsed {
    let input = Array(text.utf8)
    switch FramerVerifier.replayChunkings(input, run: { parse(input, sizes: $0, method: method, limits: limits, close: close) }) {
    case .success(let parsed): return parsed
    case .failure(let mismatch):
        Issue.record("chunkings disagree: \(mismatch)")
        return mismatch.expected
    }
}

@Suite struct HTTPResponseParserTests {
    @Test func contentLengthBodyEndsAtItsLengthAndIgnoresWhatFollows() {
        let p = replay("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}garbage", close: false)
        #expect(p.head?.status == 200)
        #expect(p.head?.mediaType == "application/json")
        #expect(p.text == "{\"a\":1}")
        #expect(p.ends == 1 && p.error == nil)
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() {
        let p = replay("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=val\r\nhello\r\nB \r\n, world\r\n\r\n\r\n0\r\nX-Trailer: 1\r\n\r\nafter", close: false)
        #expect(p.text == "hello, world\r\n\r\n")
        #expect(p.ends == 1 && p.error == nil, "\(p)")
    }

    @Test func bodyWithoutLengthRunsUntilTheConnectionCloses() {
        let open = replay("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: one\n\n", close: false)
        #expect(open.text == "data: one\n\n" && open.ends == 0)
        let closed = replay("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: one\n\n")
        #expect(closed.text == "data: one\n\n" && closed.ends == 1 && closed.error == nil)
    }

    @Test func transferEncodingWinsOverContentLength() {
        let chunked = replay("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", close: false)
        #expect(chunked.text == "abc" && chunked.ends == 1)
        // A final coding other than chunked: the body runs until close, undecoded.
        let gzip = replay("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz")
        #expect(gzip.text == "xyz" && gzip.ends == 1)
    }

    @Test func interimResponsesAreSkippedAndSwitchingProtocolsRefused() {
        let p = replay("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
        #expect(p.heads.map(\.status) == [201])
        #expect(p.head?.header("link") == nil)
        #expect(p.text == "ok")
        let upgrade = replay("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")
        #expect(upgrade.error?.contains("switched protocols (101)") == true)
    }

    @Test func responsesWithoutABody() {
        #expect(replay("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n", method: "HEAD", close: false).ends == 1)
        #expect(replay("HTTP/1.1 204 No Content\r\n\r\n", close: false).ends == 1)
        #expect(replay("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", close: false).ends == 1)
        #expect(replay("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", close: false).ends == 1)
    }

    @Test func toleratedSpellings() {
        // Bare LF line endings, empty lines before the status line, no reason phrase, repeated fields.
        let p = replay("\r\n\nHTTP/1.0 200\nSet-Thing: a\nset-thing:  b \nCONTENT-LENGTH: 1, 1\n\nx")
        #expect(p.head?.status == 200)
        #expect(p.head?.header("Set-Thing") == "a, b")
        #expect(p.text == "x" && p.ends == 1 && p.error == nil, "\(p)")
    }

    @Test(arguments: [
        ("HTTP/2 200 OK\r\n\r\n", "HTTP/1.x status line"),
        ("ICY 200 OK\r\n\r\n", "HTTP/1.x status line"),
        ("SSH-2.0-OpenSSH_9.2", "HTTP/1.x status line"),
        ("\u{16}\u{03}\u{01}\u{00}\u{a5}\n\n", "HTTP/1.x status line"),
        ("HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.x status line"),
        ("HTTP/1.1 700 Odd\r\n\r\n", "outside 100–599"),
        ("HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n", "folds a header field"),
        ("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "not 'Name: value'"),
        ("HTTP/1.1 200 OK\r\nName : v\r\n\r\n", "not 'Name: value'"),
        ("HTTP/1.1 200 OK\r\nX: a\u{01}b\r\n\r\n", "x header holds control characters"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 12, 13\r\n\r\n", "invalid Content-Length"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid chunk-size line"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n", "invalid chunk-size line"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "longer than its declared size"),
    ])
    func malformedResponsesAreRefusedWithTheReason(input: String, reason: String) {
        let p = replay(input)
        #expect(p.error?.contains(reason) == true, "\(p)")
        #expect(p.ends == 0)
    }

    @Test func closingEarlyIsAnErrorNamingWhere() {
        #expect(replay("").error?.contains("closed the connection without answering") == true)
        #expect(replay("HTTP/1.1 200 OK\r\nContent-").error?.contains("middle of the response head") == true)
        #expect(replay("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").error?.contains("after 3 of the 10 body bytes") == true)
        #expect(replay("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab").error?.contains("middle of a chunked body") == true)
    }

    @Test func headSizeLimit() {
        var limits = HTTPResponseLimits.standard
        limits.maxHeadBytes = 100
        let status = "HTTP/1.1 200 OK\r\n"                       // 17 bytes
        let field = { (n: Int) in "X: " + String(repeating: "a", count: n) + "\r\n" }
        let exact = status + field(76) + "\r\n"                  // 17 + 81 + 2 = 100 bytes in all
        #expect(replay(exact, limits: limits, close: false).head?.status == 200)
        let over = status + field(77) + "\r\n"                   // 101 bytes
        #expect(replay(over, limits: limits, close: false).error?.contains("longer than 100 bytes") == true)
        // A head that never ends is refused once it passes the limit, not buffered.
        #expect(replay(status + String(repeating: "b", count: 5000), limits: limits, close: false).error?.contains("longer than 100 bytes") == true)
    }

    @Test func headerCountLimit() {
        var limits = HTTPResponseLimits.standard
        limits.maxHeaderFields = 3
        let fields = { (n: Int) in (0..<n).map { "F\($0): v\r\n" }.joined() }
        #expect(replay("HTTP/1.1 200 OK\r\n" + fields(3) + "\r\n", limits: limits, close: false).head?.headers.count == 3)
        #expect(replay("HTTP/1.1 200 OK\r\n" + fields(4) + "\r\n", limits: limits, close: false).error?.contains("more than 3 header fields") == true)
    }

    @Test func chunkLineAndTrailerLimits() {
        var limits = HTTPResponseLimits.standard
        limits.maxChunkLineBytes = 20
        limits.maxTrailerBytes = 30
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let ext = { (n: Int) in "1;" + String(repeating: "e", count: n) + "\r\nx\r\n0\r\n\r\n" }
        #expect(replay(head + ext(18), limits: limits, close: false).text == "x")          // a 20-byte line
        #expect(replay(head + ext(19), limits: limits, close: false).error?.contains("chunk-size line is longer than 20 bytes") == true)
        let trailer = { (n: Int) in "0\r\nT: " + String(repeating: "t", count: n) + "\r\n\r\n" }
        #expect(replay(head + trailer(20), limits: limits, close: false).ends == 1)        // 25 + 2 bytes
        #expect(replay(head + trailer(30), limits: limits, close: false).error?.contains("trailer fields are longer than 30 bytes") == true)
    }

    @Test func interimResponseLimit() {
        var limits = HTTPResponseLimits.standard
        limits.maxInterimResponses = 2
        let interim = "HTTP/1.1 102 Processing\r\n\r\n"
        let final = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        #expect(replay(interim + interim + final, limits: limits, close: false).ends == 1)
        #expect(replay(interim + interim + interim + final, limits: limits, close: false).error?.contains("more than 2 interim (1xx) responses") == true)
    }

    @Test func errorsAreSticky() throws {
        var parser = HTTPResponseParser(requestMethod: "GET")
        #expect(throws: MCPError.self) { _ = try parser.feed(Array("SSH-2.0-OpenSSH".utf8)) }
        #expect(throws: MCPError.self) { _ = try parser.feed(Array("HTTP/1.1 200 OK\r\n\r\n".utf8)) }
        #expect(throws: MCPError.self) { _ = try parser.finish() }
    }
}
