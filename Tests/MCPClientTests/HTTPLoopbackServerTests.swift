import Foundation
import Testing
import DemoServer

/// Sends raw bytes to 127.0.0.1:`port` and returns what came back until the server closed (5 s at most).
private func rawExchange(_ port: UInt16, _ bytes: [UInt8]) -> String {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return "socket failed" }
    defer { close(fd) }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    #if canImport(Darwin)
    addr.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
    #endif
    addr.sin_port = port.bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return "connect failed" }
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while out.count < 1 << 20 {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        out += buffer[0..<n]
    }
    return String(decoding: out, as: UTF8.self)
}

@Suite struct HTTPLoopbackServerTests {
    let server: LoopbackHTTPServer

    init() throws {
        server = try LoopbackHTTPServer(maxRequestBytes: 1024) { request, writer in
            if request.path == "/stream" {
                writer.startStream(headers: [("Content-Type", "text/event-stream")])
                writer.writeChunk("data: one\n\n")
                writer.writeChunk("data: two\n\n")
                return
            }
            writer.respond(status: 200, contentType: "text/plain", text: "\(request.method) \(request.path) q=\(request.queryValue("a") ?? "-") body=\(request.body.count) x=\(request.header("X-Test") ?? "-")")
        }
    }

    @Test func answersWithContentLengthAndCloses() {
        defer { server.stop() }
        let reply = rawExchange(server.port, Array("POST /p?a=1&b=2 HTTP/1.1\r\nHost: x\r\nx-test: yes\r\nContent-Length: 3\r\n\r\nabc".utf8))
        #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(reply.contains("Content-Length: 24\r\n"))
        #expect(reply.contains("Connection: close\r\n"))
        #expect(reply.hasSuffix("POST /p q=1 body=3 x=yes"))
    }

    @Test func streamsChunkedAndTerminates() {
        defer { server.stop() }
        let reply = rawExchange(server.port, Array("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(reply.contains("Transfer-Encoding: chunked\r\n"))
        #expect(reply.hasSuffix("\r\n\r\nb\r\ndata: one\n\n\r\nb\r\ndata: two\n\n\r\n0\r\n\r\n"))
    }

    @Test func refusesWhatItWillNotRead() {
        defer { server.stop() }
        #expect(rawExchange(server.port, Array("POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n".utf8)).hasPrefix("HTTP/1.1 413"))
        #expect(rawExchange(server.port, Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)).hasPrefix("HTTP/1.1 411"))
        #expect(rawExchange(server.port, [0x16, 0x03, 0x01, 0x00]).hasPrefix("HTTP/1.1 400"))
        #expect(rawExchange(server.port, Array("GET / HTTP/1.1\r\nX: \(String(repeating: "a", count: 20_000))".utf8)).hasPrefix("HTTP/1.1 431"))
        #expect(rawExchange(server.port, Array("GET /\r\n\r\n".utf8)).hasPrefix("HTTP/1.1 400"))
    }
}
