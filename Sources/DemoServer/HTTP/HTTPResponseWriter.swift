import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one HTTP/1.1 response on a connection: a Content-Length body, or a chunked stream written
/// piece by piece (for SSE). Thread-safe, so another connection's thread may write onto a stream.
/// Every response closes the connection afterwards (`Connection: close`).
public final class HTTPResponseWriter: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var headWritten = false
    private var chunked = false
    private var finished = false
    private var broken = false

    init(fd: Int32) { self.fd = fd }

    /// The standard reason phrase for common statuses.
    static func reason(_ status: Int) -> String {
        [200: "OK", 202: "Accepted", 204: "No Content", 302: "Found", 307: "Temporary Redirect", 400: "Bad Request",
         401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
         411: "Length Required", 413: "Content Too Large", 415: "Unsupported Media Type", 431: "Request Header Fields Too Large",
         500: "Internal Server Error"][status] ?? "Status"
    }

    /// Sends a complete response with a Content-Length body.
    public func respond(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        lock.lock(); defer { lock.unlock() }
        guard !headWritten else { return }
        headWritten = true
        finished = true
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        _ = writeAll(Array(head.utf8) + body)
    }

    /// Sends a complete response with a UTF-8 text body.
    public func respond(status: Int, contentType: String, text: String, headers: [(String, String)] = []) {
        respond(status: status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }

    /// Starts a chunked response (e.g. `text/event-stream`); write pieces with `writeChunk`.
    public func startStream(status: Int = 200, headers: [(String, String)]) {
        lock.lock(); defer { lock.unlock() }
        guard !headWritten else { return }
        headWritten = true
        chunked = true
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"
        _ = writeAll(Array(head.utf8))
    }

    /// Writes one chunk; false once the client has gone away.
    @discardableResult
    public func writeChunk(_ bytes: [UInt8]) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard chunked, !finished, !broken else { return false }
        guard !bytes.isEmpty else { return true }
        return writeAll(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10])
    }

    /// Writes one chunk of UTF-8 text.
    @discardableResult
    public func writeChunk(_ text: String) -> Bool { writeChunk(Array(text.utf8)) }

    /// Writes bytes as they are, outside any framing (for hostile fixtures that break HTTP on purpose).
    @discardableResult
    public func writeRaw(_ bytes: [UInt8]) -> Bool {
        lock.lock(); defer { lock.unlock() }
        headWritten = true
        guard !broken else { return false }
        return writeAll(bytes)
    }

    /// Ends a chunked stream (the zero-length chunk); nothing for Content-Length responses.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        if chunked, !broken { _ = writeAll(Array("0\r\n\r\n".utf8)) }
    }

    /// True once a write failed (the client closed the connection).
    public var isClientGone: Bool { lock.lock(); defer { lock.unlock() }; return broken }

    /// True when the handler has written a response head.
    var hasResponded: Bool { lock.lock(); defer { lock.unlock() }; return headWritten }

    /// Waits until the client closes the connection or `timeout` seconds pass; true if it closed.
    @discardableResult
    public func waitForClientClose(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 512)
        while Date() < deadline {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ms = Int32(max(1, min(200, deadline.timeIntervalSinceNow * 1000)))
            if poll(&p, 1, ms) > 0 {
                let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                    lock.lock(); broken = true; lock.unlock()
                    return true
                }
            }
        }
        return false
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        guard !broken else { return false }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { raw in
                send(fd, raw.baseAddress, raw.count, Self.sendFlags)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { broken = true; return false }
            offset += n
        }
        return true
    }

    #if canImport(Glibc)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let sendFlags: Int32 = 0
    #endif
}
