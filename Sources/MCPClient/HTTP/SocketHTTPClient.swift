#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs one `http://` request over a POSIX socket on a thread of its own: connect, write the request,
/// read the response through `HTTPResponseParser` into the exchange. After each body chunk the thread
/// waits until the reader has room (`HTTPExchange.waitForRoom`) and reads nothing meanwhile, so a
/// server streaming without end fills its own socket buffers, not our memory. `cancel` wakes the
/// thread through a pipe; it then closes the socket and ends.
final class SocketHTTPClient: @unchecked Sendable {
    private let exchange: HTTPExchange
    private let limits: HTTPResponseLimits
    private let lock = NSLock()
    private var wake: [Int32] = [-1, -1]
    private var wakeClosed = false
    /// Bytes asked of the kernel per read.
    static let readSize = 64 << 10

    private init(exchange: HTTPExchange, limits: HTTPResponseLimits) {
        self.exchange = exchange; self.limits = limits
    }

    /// Starts `exchange.request` on a new thread; the exchange reports head, bytes and end.
    static func start(_ exchange: HTTPExchange, limits: HTTPResponseLimits = .standard) {
        let client = SocketHTTPClient(exchange: exchange, limits: limits)
        guard pipe(&client.wake) == 0 else {
            exchange.didComplete(error: .connectionFailed(detail: "\(exchange.step): cannot create a pipe (\(errnoText()))"))
            return
        }
        for fd in client.wake { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        exchange.attach { client.cancel() }
        let thread = Thread { client.run() }
        thread.name = "mcprisk-http"
        thread.start()
    }

    private func cancel() {
        lock.lock(); defer { lock.unlock() }
        guard !wakeClosed else { return }
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
    }

    private func run() {
        defer {
            lock.lock(); wakeClosed = true; closeDescriptor(wake[0]); closeDescriptor(wake[1]); lock.unlock()
        }
        let request = exchange.request
        do throws(MCPError) {
            let message = try request.serialized()
            let fd = try connect()
            defer { closeDescriptor(fd) }
            let sendError = send(message, on: fd)
            do { try readResponse(fd) } catch {
                // A server may answer (413, 401) and close before reading the whole request: its answer
                // wins; only when there is none is the failed send the error.
                throw sendError ?? error
            }
        } catch {
            exchange.didComplete(error: error.during(exchange.step, stderrTail: ""))
        }
    }

    private var hostAndPort: (host: String, port: Int) {
        let url = exchange.request.url
        var host = url.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, url.port ?? 80)
    }

    private var shownHost: String { "\(hostAndPort.host):\(hostAndPort.port)" }

    /// Resolves the host and connects to the first address that accepts.
    private func connect() throws(MCPError) -> Int32 {
        let (host, port) = hostAndPort
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .connectionFailed(detail: "DNS lookup failed for \(host.visibleEscaped(limit: 200)) (\(String(cString: gai_strerror(rc))))")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = errnoText(); continue }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            #if canImport(Darwin)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            var result = connectSocket(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result != 0 && errno == EINPROGRESS {
                switch wait(fd, for: Int16(POLLOUT)) {
                case .cancelled: closeDescriptor(fd); throw .connectionFailed(detail: "\(exchange.step) was cancelled")
                case .idle: lastError = "no answer within \(exchange.request.idleTimeout.formatted2) s"; result = -1
                case .ready:
                    var soError: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                    if soError == 0 { result = 0 } else { lastError = String(cString: strerror(soError)); result = -1 }
                }
            } else if result != 0 {
                lastError = errnoText()
            }
            if result == 0 { return fd }
            closeDescriptor(fd)
        }
        throw .connectionFailed(detail: "could not connect to \(shownHost) (\(lastError))")
    }

    /// Writes all of `message`; returns the error instead of throwing, so a response can still be read.
    private func send(_ message: [UInt8], on fd: Int32) -> MCPError? {
        var offset = 0
        while offset < message.count {
            let n = message[offset...].withUnsafeBytes { sendNoSignal(fd, $0.baseAddress, $0.count) }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                switch wait(fd, for: Int16(POLLOUT)) {
                case .ready: continue
                case .cancelled: return .connectionFailed(detail: "\(exchange.step) was cancelled")
                case .idle: return idleTimeout()
                }
            }
            return .connectionFailed(detail: "the connection to \(shownHost) was lost while sending \(exchange.step) (\(errnoText()))")
        }
        return nil
    }

    /// Reads and parses until the body ends, the exchange ends, or the connection fails.
    private func readResponse(_ fd: Int32) throws(MCPError) {
        var parser = HTTPResponseParser(requestMethod: exchange.request.method, url: exchange.request.url, limits: limits)
        var buffer = [UInt8](repeating: 0, count: Self.readSize)
        while true {
            switch wait(fd, for: Int16(POLLIN)) {
            case .cancelled: return  // the exchange has ended already
            case .idle: throw idleTimeout()
            case .ready: break
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                throw .connectionFailed(detail: "the connection to \(shownHost) was lost during \(exchange.step) (\(errnoText()))")
            }
            for output in n == 0 ? try parser.finish() : try parser.feed(buffer[0..<n]) {
                switch output {
                case .head(let head): exchange.didReceive(head: head)
                case .body(let bytes):
                    exchange.didReceive(bytes: bytes)
                    guard exchange.waitForRoom() else { return }  // cancelled or over the body limit
                case .end:
                    exchange.didComplete(error: nil)
                    return
                }
            }
        }
    }

    private func idleTimeout() -> MCPError {
        .timeout(step: "\(exchange.step) (the connection to \(shownHost) went idle)", seconds: exchange.request.idleTimeout, stderrTail: "")
    }

    private enum Readiness { case ready, cancelled, idle }

    /// Waits until `fd` is ready for `events`, the exchange is cancelled, or the idle timeout passes.
    private func wait(_ fd: Int32, for events: Int16) -> Readiness {
        let timeoutMs = Int32(max(1, min(exchange.request.idleTimeout, 86_400) * 1000))
        while true {
            var fds = [pollfd(fd: fd, events: events, revents: 0), pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0)]
            let r = poll(&fds, 2, timeoutMs)
            if r < 0 && errno == EINTR { continue }
            if fds[1].revents != 0 { return .cancelled }
            if r == 0 { return .idle }
            return .ready  // readable, writable, or an error/hang-up that the next call reports
        }
    }
}

/// `connect(2)`, named apart from the method above.
private func connectSocket(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>!, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.connect(fd, address, length)
    #else
    return Darwin.connect(fd, address, length)
    #endif
}

/// `send(2)` that reports a closed peer as EPIPE instead of raising SIGPIPE.
private func sendNoSignal(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    return Darwin.send(fd, bytes, count, 0)
    #endif
}
