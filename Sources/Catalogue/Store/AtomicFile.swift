#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Replaces files so that a reader (or a refresh killed halfway) only ever sees the old file or the
/// new one: write a temporary file in the same directory, fsync it, read it back and check it, then
/// rename it over the old one and fsync the directory.
enum AtomicFile {
    /// Largest catalogue file we read; snapshots of very large servers stay far below it.
    static let maxBytes = 64 << 20
    /// Temporary files start with this, so a later run can sweep what a killed run left.
    static let temporaryPrefix = ".mcprisk-tmp."

    /// Writes `bytes` to `url` atomically; `verify` checks the bytes read back (e.g. by decoding them)
    /// before the old file is replaced. Identical content is left untouched.
    static func write(_ bytes: [UInt8], to url: URL, verify: ([UInt8]) throws(CatalogueError) -> Void) throws(CatalogueError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch { throw .io(path: directory, detail: "cannot create directory: \(error.localizedDescription)") }
        if let existing = try? POSIX.readFile(path, limit: maxBytes), existing == bytes { return }

        let temporary = directory + "/" + temporaryPrefix + url.lastPathComponent + "." + String(POSIX.pid) + "." + UUID().uuidString.prefix(8)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: temporary, detail: "cannot create: \(POSIX.errorText)") }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        let written = POSIX.writeAll(fd, bytes)
        let synced = written && fsync(fd) == 0
        let detail = POSIX.errorText
        close(fd)
        guard written, synced else { throw .io(path: temporary, detail: "cannot write: \(detail)") }

        guard let back = try POSIX.readFile(temporary, limit: maxBytes), back == bytes else { throw .readBackMismatch(path: path) }
        try verify(back)
        guard rename(temporary, path) == 0 else { throw .io(path: path, detail: "cannot rename into place: \(POSIX.errorText)") }
        renamed = true
        POSIX.syncDirectory(directory)
    }

    /// Removes temporary files a killed writer left in `directory`; call only while holding the lock.
    static func sweepTemporaries(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}
