import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the loopback HTTP server could not start.
public struct LoopbackHTTPError: Error, CustomStringConvertible, Sendable {
    /// What failed, with the system's reason.
    public var description: String
}

/// A small HTTP/1.1 server on 127.0.0.1 built on BSD sockets: one thread per connection, one request
/// per connection, bounded request heads (16 KiB) and bodies, read/write timeouts on every socket.
/// Serves the demo server over HTTP and the hostile fixtures in tests. No dependencies.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// Handles one request; runs on the connection's own thread and may block (stream, stall).
    public typealias Handler = @Sendable (HTTPServerRequest, HTTPResponseWriter) -> Void

    /// The port the server listens on (the chosen one when started with port 0).
    public let port: UInt16
    /// The largest request body accepted.
    public let maxRequestBytes: Int
    private let listenFD: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var stopped = false
    private var connections: Set<Int32> = []

    /// Binds 127.0.0.1:`port` (0 picks a free port) and starts accepting connections.
    public init(port: UInt16 = 0, maxRequestBytes: Int = 4 << 20, handler: @escaping Handler) throws(LoopbackHTTPError) {
        self.maxRequestBytes = maxRequestBytes
        self.handler = handler
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackHTTPError(description: "socket() failed: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        #if canImport(Darwin)
        addr.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw LoopbackHTTPError(description: "cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.listenFD = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "loopback-http-accept"
        thread.start()
    }

    /// `http://127.0.0.1:PORT` + `path`.
    public func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops accepting and closes every open connection.
    public func stop() {
        lock.lock()
        guard !stopped else { lock.unlock(); return }
        stopped = true
        let open = connections
        lock.unlock()
        shutdown(listenFD, Int32(SHUT_RDWR))
        close(listenFD)
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    /// True once `stop` was called.
    public var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                if isStopped { return }
                usleep(10_000)
                continue
            }
            lock.lock()
            if stopped { lock.unlock(); close(fd); return }
            connections.insert(fd)
            lock.unlock()
            let thread = Thread { [self] in
                serve(fd)
                lock.lock(); connections.remove(fd); lock.unlock()
                Self.lingeringClose(fd)
            }
            thread.start()
        }
    }

    /// Closes after the response: stop sending, then read and drop what the client still sends (briefly,
    /// boundedly), so unread input does not turn the close into a reset that destroys the response.
    private static func lingeringClose(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sink = [UInt8](repeating: 0, count: 16 << 10)
        var drained = 0
        while drained < 1 << 20 {
            let n = recv(fd, &sink, sink.count, 0)
            if n <= 0 { break }
            drained += n
        }
        close(fd)
    }

    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        let writer = HTTPResponseWriter(fd: fd)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return }
            buffer.append(contentsOf: chunk[0..<n])
            if let first = buffer.first, !(0x41...0x5A).contains(first) {
                // Not an HTTP request line (e.g. a TLS ClientHello): answer at once instead of waiting for a head.
                writer.respond(status: 400, headers: [("Content-Type", "text/plain")], body: Array("not HTTP/1.1\n".utf8))
                return
            }
            headEnd = buffer.firstRange(of: terminator)?.lowerBound
            if headEnd == nil && buffer.count > 16 << 10 {
                writer.respond(status: 431, headers: [("Content-Type", "text/plain")], body: Array("request head too large\n".utf8))
                return
            }
        }
        guard let end = headEnd, var request = HTTPServerRequest.parseHead(Array(buffer[0..<end])) else {
            writer.respond(status: 400, headers: [("Content-Type", "text/plain")], body: Array("malformed request\n".utf8))
            return
        }
        if request.header("transfer-encoding") != nil {
            writer.respond(status: 411, headers: [("Content-Type", "text/plain")], body: Array("send a Content-Length body\n".utf8))
            return
        }
        let length = Int(request.header("content-length") ?? "0") ?? -1
        guard length >= 0, length <= maxRequestBytes else {
            writer.respond(status: 413, headers: [("Content-Type", "text/plain")], body: Array("request body too large\n".utf8))
            return
        }
        var body = Array(buffer[(end + 4)...])
        while body.count < length {
            let n = recv(fd, &chunk, min(chunk.count, length - body.count), 0)
            if n <= 0 { return }
            body.append(contentsOf: chunk[0..<n])
        }
        request.body = Array(body.prefix(length))
        handler(request, writer)
        if !writer.hasResponded { writer.respond(status: 500, headers: [("Content-Type", "text/plain")], body: Array("no response\n".utf8)) }
        writer.finish()
    }
}
