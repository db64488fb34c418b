import Foundation
import Testing
import JSON
import DemoServer
@testable import MCPClient

/// Counts what a loopback handler managed to send, and whether its loop has ended.
private final class SentCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = 0
    private var done = false
    func add(_ n: Int) { lock.withLock { bytes += n } }
    func finish() { lock.withLock { done = true } }
    var total: Int { lock.withLock { bytes } }
    var finished: Bool { lock.withLock { done } }

    /// Waits (up to `seconds`) until the total has not changed for 300 ms or the loop ended.
    func settle(seconds: Double) async {
        var last = -1
        var still = 0
        let end = Date().addingTimeInterval(seconds)
        while Date() < end, still < 3, !finished {
            try? await Task.sleep(nanoseconds: 100_000_000)
            let now = total
            still = now == last ? still + 1 : 0
            last = now
        }
    }
}

/// A server that answers with a body of no declared length (no Content-Length, not chunked) and
/// writes up to 1 GiB of JSON whitespace until the client goes away.
private func lengthlessServer(_ sent: SentCounter) throws -> LoopbackHTTPServer {
    try LoopbackHTTPServer { _, writer in
        defer { sent.finish() }
        guard writer.writeRaw(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".utf8)) else { return }
        let block = [UInt8](repeating: UInt8(ascii: " "), count: 64 << 10)
        while sent.total < 1 << 30, writer.writeRaw(block) { sent.add(block.count) }
    }
}

@Suite(.serialized) struct SocketHTTPClientTests {
    @Test func lengthlessBodyOverTheLimitStopsTheTransfer() async throws {
        let sent = SentCounter()
        let server = try lengthlessServer(sent)
        defer { server.stop() }
        let result = await withHangGuard(60) { await connectAndRun(testOptions(server.url("/mcp")) { $0.requestTimeout = 30 }) }
        let error = result?.failure
        #expect(error?.kind == "limit-exceeded")
        #expect(error?.description == "limit exceeded during POST initialize: the response body exceeded \(32 << 20) bytes (32 MiB limit)", "\(String(describing: error))")
        // Our side closed the connection: the server's writes fail long before its gigabyte.
        await sent.settle(seconds: 30)
        #expect(sent.finished, "the server is still sending")
        #expect(sent.total < 64 << 20, "the server sent \(sent.total) bytes")
    }

    @Test func anUnreadBodyWaitsInTheServerNotInOurMemory() async throws {
        let sent = SentCounter()
        let server = try lengthlessServer(sent)
        defer { server.stop() }
        let driver = HTTPDriver()
        defer { driver.shutdown() }
        let request = HTTPRequest(method: "GET", url: URL(string: server.url("/stream"))!, idleTimeout: 30)
        let exchange = driver.start(request, step: "GET test", maxBodyBytes: 4 << 30)
        guard case .head(let head) = try await exchange.next(deadline: 10, waiting: "the head") else {
            Issue.record("no head"); return
        }
        #expect(head.status == 200)
        // Nothing is read now: the client stops at its queue bound, then the kernel's socket buffers
        // fill and the server blocks. Without backpressure it would send its whole gigabyte.
        await sent.settle(seconds: 20)
        #expect(!sent.finished)
        #expect(exchange.receivedBytes <= HTTPExchange.maxQueuedBytes + SocketHTTPClient.readSize)
        #expect(sent.total < 32 << 20, "the server sent \(sent.total) bytes to a reader that read nothing")
        // Reading again resumes the transfer.
        let before = exchange.receivedBytes
        var read = 0
        while read < 8 << 20 {
            guard case .bytes(let b) = try await exchange.next(deadline: 30, waiting: "more body") else { break }
            read += b.count
        }
        #expect(read >= 8 << 20 && exchange.receivedBytes > before)
        exchange.cancel()
        await sent.settle(seconds: 30)
        #expect(sent.finished, "cancelling closes the connection")
    }

    @Test func aPumpWaitsWhileTheMailboxIsFull() async throws {
        let box = HTTPMailbox<Int>(capacity: 2)
        await box.send(1)
        await box.send(2)
        let sentThird = SentCounter()
        let third = Task { await box.send(3); sentThird.finish() }
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(!sentThird.finished, "a third item went into a mailbox of capacity 2")
        guard case .item(1) = await box.take(timeout: 5) else { Issue.record("expected 1"); return }
        await third.value  // taking one made room
        guard case .item(2) = await box.take(timeout: 5), case .item(3) = await box.take(timeout: 5) else {
            Issue.record("expected 2 then 3"); return
        }
        // Finishing releases a waiting producer; its item is dropped.
        await box.send(4); await box.send(5)
        let blocked = Task { await box.send(6) }
        try await Task.sleep(nanoseconds: 100_000_000)
        box.finish()
        await blocked.value
        var rest: [Int] = []
        while case .item(let n) = await box.take(timeout: 1) { rest.append(n) }
        #expect(rest == [4, 5])
    }

    @Test func requestIsWrittenAsHTTP11() throws {
        var r = HTTPRequest(method: "POST", url: URL(string: "http://user:p%40ss@127.0.0.1:8123/a/b%20c?x=1&y=%2F")!,
                            body: Array("{}".utf8), idleTimeout: 5)
        r.setHeader("Accept", "text/event-stream")
        r.setHeader("accept", "application/json")  // replaces, keeping the first spelling
        r.setHeader("Connection", "keep-alive")     // ours wins: one request per connection
        let text = String(decoding: try r.serialized(), as: UTF8.self)
        #expect(text == "POST /a/b%20c?x=1&y=%2F HTTP/1.1\r\nHost: 127.0.0.1:8123\r\nAccept: application/json\r\n"
                + "Authorization: Basic \(Data("user:p@ss".utf8).base64EncodedString())\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        let plain = String(decoding: try HTTPRequest(method: "GET", url: URL(string: "http://[::1]/")!, idleTimeout: 5).serialized(), as: UTF8.self)
        #expect(plain == "GET / HTTP/1.1\r\nHost: [::1]\r\nConnection: close\r\n\r\n")
    }

    @Test func headerValuesThatCouldSplitTheRequestAreRefused() {
        var r = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1/")!, idleTimeout: 5)
        r.setHeader("Last-Event-ID", "ev1\r\nX-Injected: secret-value")
        #expect(throws: MCPError.self) { _ = try r.serialized() }
        do { _ = try r.serialized() } catch {
            #expect(error.description.contains("Last-Event-ID") && !error.description.contains("secret-value"))
        }
    }

    @Test func aServerThatIsNotHTTPIsRefusedAtOnce() async throws {
        let server = try LoopbackHTTPServer { _, writer in
            _ = writer.writeRaw(Array("SSH-2.0-OpenSSH_9.2p1".utf8))  // no line break, then silence
            writer.waitForClientClose(timeout: 30)
        }
        defer { server.stop() }
        let error = await withHangGuard(60) { await connectAndRun(testOptions(server.url("/mcp")) { $0.connectTimeout = 20 }) }?.failure
        #expect(error?.kind == "protocol-violation")
        #expect(error?.description.contains("does not start with an HTTP/1.x status line") == true, "\(String(describing: error))")
    }
}
