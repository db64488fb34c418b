#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSON

/// A stdio MCP server: a child process in its own process group, one JSON-RPC message per line.
/// stdout and stderr are drained by two threads from the start, so a chatty server never blocks
/// on a full pipe; stderr is kept in a bounded ring for error messages.
public final class StdioTransport: MessageTransport, @unchecked Sendable {
    /// The server's pid (also its process group id).
    public var processID: Int32 { child.pid }
    /// The command line, for display.
    public let displayCommand: String

    private let child: ChildProcess
    private let limits: StdioLimits
    private let events: EventQueue
    private let stderrRing: ByteRing
    private let stateLock = NSLock()
    private var stdinOpen = true
    private var closed = false
    /// Opens once stderr reached its end (all the server said is in the ring).
    private let stderrFinished = AsyncLatch()
    /// Values of the environment overlay (often API keys), cut from anything the server sends back.
    private let redactor: SecretRedactor

    private init(child: ChildProcess, spec: StdioLaunch) {
        self.child = child
        self.limits = spec.limits
        self.displayCommand = spec.displayCommand
        self.events = EventQueue(limit: spec.limits.maxQueuedMessages)
        self.stderrRing = ByteRing(capacity: spec.limits.stderrRingBytes)
        self.redactor = SecretRedactor(spec.environment.values)
    }

    /// Starts the server described by `spec`; fails when the program cannot be found or started.
    public static func launch(_ spec: StdioLaunch) throws(MCPError) -> StdioTransport {
        let environment = spec.childEnvironment(from: ProcessInfo.processInfo.environment)
        let here = ExecutableLookup.currentDirectory()
        let executable = try ExecutableLookup.resolve(spec.command, path: environment["PATH"], currentDirectory: here)
        if let dir = spec.workingDirectory {
            var info = stat()
            guard stat(dir, &info) == 0, Int(info.st_mode) & Int(S_IFMT) == Int(S_IFDIR) else {
                throw .spawnFailed(command: spec.command, reason: "working directory \(dir) does not exist")
            }
        }
        let child = try ChildProcess.spawn(executable: executable, arguments: [spec.command] + spec.arguments,
                                           environment: environment, workingDirectory: spec.workingDirectory,
                                           displayName: spec.command)
        let transport = StdioTransport(child: child, spec: spec)
        LiveProcessGroups.add(child.pid)
        transport.startReaders()
        return transport
    }

    private func startReaders() {
        let stdoutThread = Thread { [self] in readStdout() }
        stdoutThread.name = "mcprisk-stdout-\(child.pid)"
        stdoutThread.start()
        let stderrThread = Thread { [self] in readStderr() }
        stderrThread.name = "mcprisk-stderr-\(child.pid)"
        stderrThread.start()
    }

    private func readStdout() {
        var framer = NewlineFramer(maxLineBytes: limits.maxMessageBytes)
        let parser = JSONParser(limits: JSONLimits(maxBytes: limits.maxMessageBytes + 1))
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var total = 0
        readLoop: while true {
            guard waitReadable(child.stdoutFD) else { break }
            let n = buffer.withUnsafeMutableBytes { read(child.stdoutFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            total += n
            if total > limits.maxTotalBytes {
                events.push(.failure(.limitExceeded(step: "", detail: "the server wrote more than \(limits.maxTotalBytes) bytes to stdout")))
                break readLoop
            }
            for output in framer.feed(buffer[0..<n]) { deliver(output, parser: parser) }
        }
        for output in framer.finish() { deliver(output, parser: parser) }
        closeDescriptor(child.stdoutFD)
        events.finish()
    }

    private func deliver(_ output: NewlineFramer.Output, parser: JSONParser) {
        switch output {
        case .oversized:
            events.push(.success(.oversized(limit: limits.maxMessageBytes)))
        case .line(let line):
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            for event in redactor.redact(LineDecoder.event(for: line, parser: parser)) { events.push(.success(event)) }
        }
    }

    /// Drains stderr in large reads straight into the ring: no per-byte or per-line work, so a server
    /// that floods stderr costs us about what the kernel's copies cost.
    private func readStderr() {
        var buffer = [UInt8](repeating: 0, count: Self.stderrReadSize)
        while true {
            guard waitReadable(child.stderrFD) else { break }
            let n = buffer.withUnsafeMutableBytes { read(child.stderrFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            buffer.withUnsafeBytes { stderrRing.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        closeDescriptor(child.stderrFD)
        stderrFinished.signal()
    }

    /// Bytes asked of the kernel per stderr read (a pipe holds 64 KiB by default).
    static let stderrReadSize = 256 << 10

    /// Waits until `fd` has data or EOF; false once the transport is closed and the pipe has been
    /// quiet for a moment, so a reader never outlives a process that escaped the group holding the pipe.
    private func waitReadable(_ fd: Int32) -> Bool {
        while true {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }
            if stateLock.withLock({ closed }) { return false }
        }
    }

    /// Writes one message as a line. A server that stops reading gets `writeTimeout` seconds.
    public func send(_ message: JSONValue) async throws(MCPError) {
        var bytes = JSONWriter.compact.bytes(message)
        bytes.append(0x0A)
        let deadline = Date().addingTimeInterval(StdioTransport.writeTimeout)
        var offset = 0
        while offset < bytes.count {
            let open = stateLock.withLock { stdinOpen }
            guard open else { throw .connectionFailed(detail: "stdin of the server is already closed") }
            let n = bytes[offset...].withUnsafeBytes { write(child.stdinFD, $0.baseAddress, $0.count) }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if Date() > deadline {
                    throw .timeout(step: "", seconds: StdioTransport.writeTimeout, stderrTail: "")
                }
                try? await Task.sleep(nanoseconds: 5_000_000)
                continue
            }
            throw .serverExited(step: "", status: await endDescription(), stderrTail: "")
        }
    }

    /// How long a write may wait for the server to read its stdin.
    static let writeTimeout = 10.0

    /// The next message or anomaly from stdout; nil after stdout closed.
    public func receive() async throws(MCPError) -> TransportEvent? {
        guard let item = await events.next() else { return nil }
        return try item.get()
    }

    /// What the server wrote to stderr (the kept tail), waiting briefly for the last bytes of a
    /// server that has exited. Values from the environment overlay are replaced by `[redacted]`,
    /// so a server echoing its API key does not put it in a report.
    public func diagnostics() async -> String {
        if child.hasExited { _ = await stderrFinished.wait(seconds: 0.5) }
        return redactor.redact(String(decoding: stderrRing.contents, as: UTF8.self))
    }

    /// How the connection ended: the exit status once the process is gone, waiting up to a second.
    public func endDescription() async -> String {
        if await child.exited.wait(seconds: 1), let text = child.endDescription { return text }
        return "stdout closed, process still running"
    }

    /// Close stdin, wait; SIGTERM the group, wait; SIGKILL the group. Returns when no process of
    /// the group is left (or after a bounded wait if one cannot be killed). Safe to call twice.
    public func close() async {
        let first = stateLock.withLock {
            let first = !closed
            closed = true
            if stdinOpen { stdinOpen = false; closeDescriptor(child.stdinFD) }
            return first
        }
        guard first else { return }
        if await waitForGroupExit(seconds: limits.stdinCloseGrace) == false {
            child.signalGroup(SIGTERM)
            if await waitForGroupExit(seconds: limits.terminateGrace) == false {
                child.signalGroup(SIGKILL)
                _ = await waitForGroupExit(seconds: 5)
            }
        }
        LiveProcessGroups.remove(child.pid)
        events.close()
    }

    /// Waits until the leader is reaped and the group is empty; false on timeout. The leader's end
    /// is an event; only processes it left behind in its group are polled for.
    private func waitForGroupExit(seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        guard await child.exited.wait(seconds: seconds) else { return false }
        while true {
            if !child.groupIsAlive() { return true }
            if Date() >= deadline { return false }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }
}

/// `close(2)`, named so it does not collide with `close()` methods.
func closeDescriptor(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
