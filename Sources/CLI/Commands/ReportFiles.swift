#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Reports

/// Where a report or policy is written: standard output, a device or pipe named by path (written
/// straight to it), or a regular file, written beside its final name and renamed over it when
/// complete, so a reader never sees half a report and a failed run leaves the old file alone.
final class OutputFile: ByteSink {
    private let fd: Int32
    private let path: String?
    private let temporary: String?
    private var pending: [UInt8] = []
    private var closed = false

    /// Standard output.
    static func standardOutput() -> OutputFile { OutputFile(fd: STDOUT_FILENO, path: nil, temporary: nil) }

    private init(fd: Int32, path: String?, temporary: String?) {
        self.fd = fd; self.path = path; self.temporary = temporary
        pending.reserveCapacity(Self.chunk)
    }

    /// Bytes gathered before a write.
    static let chunk = 256 << 10

    /// Opens `path` for writing; a failure names the path.
    convenience init(path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG && (info.st_mode & S_IFMT) != S_IFDIR {
            // /dev/null, a named pipe, a terminal: write to it; renaming over it would replace the device.
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
            self.init(fd: fd, path: path, temporary: nil)
            return
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).mcprisk-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
        self.init(fd: fd, path: path, temporary: temporary)
    }

    deinit { discard() }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if pending.count + bytes.count > Self.chunk {
            try flush()
            if bytes.count >= Self.chunk { try Self.writeAll(fd, bytes, path: path); return }
        }
        pending.append(contentsOf: bytes)
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try Self.writeAll(fd, $0, path: path) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file in place.
    func commit() throws {
        try flush()
        guard !closed else { return }
        closed = true
        guard path != nil else { return }
        close(fd)
        if let temporary, let path, rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandFailure("cannot write \(path): \(reason)")
        }
    }

    /// Abandons an unfinished file (its temporary is removed).
    func discard() {
        guard !closed else { return }
        closed = true
        guard path != nil else { return }
        close(fd)
        if let temporary { unlink(temporary) }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String?) throws {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot write \(path ?? "standard output"): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

/// The system's `write(2)` (named so the method above does not shadow it).
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// A spool kept in memory up to `memoryLimit`, then in an unnamed temporary file (unlinked as soon as
/// it is made, so nothing is left behind however the run ends).
final class FileSpool: Spool {
    /// Bytes kept in memory before spilling to a file.
    static let memoryLimit = 4 << 20

    private var memory: [UInt8] = []
    private var pending: [UInt8] = []
    private var fd: Int32 = -1
    private(set) var count = 0

    deinit { if fd >= 0 { close(fd) } }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        count += bytes.count
        if fd < 0 {
            if memory.count + bytes.count <= Self.memoryLimit { memory.append(contentsOf: bytes); return }
            try spill()
        }
        pending.append(contentsOf: bytes)
        if pending.count >= OutputFile.chunk { try flush() }
    }

    func copy(_ range: Range<Int>, to sink: any ByteSink) throws {
        guard fd >= 0 else {
            try memory.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[range])) }
            return
        }
        try flush()
        var buffer = [UInt8](repeating: 0, count: min(OutputFile.chunk, max(1, range.count)))
        var position = range.lowerBound
        while position < range.upperBound {
            let want = min(buffer.count, range.upperBound - position)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(position)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CommandFailure("cannot read back a temporary file: \(String(cString: strerror(errno)))") }
            try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            position += n
        }
    }

    private func spill() throws {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/mcprisk-spool-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard made >= 0 else { throw CommandFailure("cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = made
        pending = memory
        memory = []
        try flush()
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try OutputFile.writeAll(fd, $0, path: "a temporary file") }
        pending.removeAll(keepingCapacity: true)
    }
}
