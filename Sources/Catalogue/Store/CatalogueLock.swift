#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The lock that keeps two refreshes (or merges) off one catalogue: `catalogue/.lock`, created with
/// `O_CREAT|O_EXCL` and held with `flock`, holding the owner's pid. The kernel drops a `flock` when its
/// process dies, so a lock file nobody holds is stale (its owner was killed) and is taken over.
public final class CatalogueLock: @unchecked Sendable {
    /// The lock file's path.
    public let path: String
    /// What the stale lock file said when it was taken over (nil for a fresh lock).
    public let tookOverFrom: String?
    private let fd: Int32
    private let guardLock = NSLock()
    private var released = false

    private init(path: String, fd: Int32, tookOverFrom: String?) {
        self.path = path; self.fd = fd; self.tookOverFrom = tookOverFrom
    }

    /// Takes the lock at `url` without waiting; throws `.locked` naming the holder when a live process has it.
    public static func acquire(at url: URL) throws(CatalogueError) -> CatalogueLock {
        let path = url.path
        // A few rounds cover the race where the holder releases (unlinks) between our open and flock.
        for _ in 0..<5 {
            var fresh = true
            var fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 {
                guard errno == EEXIST else { throw .io(path: path, detail: "cannot create lock: \(POSIX.errorText)") }
                fresh = false
                fd = open(path, O_RDWR | O_CLOEXEC)
                if fd < 0 { if errno == ENOENT { continue }; throw .io(path: path, detail: "cannot open lock: \(POSIX.errorText)") }
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = Self.describe(fd)
                close(fd)
                throw .locked(path: path, holder: holder)
            }
            // The file we locked must still be the one at `path` (not unlinked by a releasing holder).
            var held = stat(), current = stat()
            guard fstat(fd, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev else {
                close(fd)
                continue
            }
            let previous = fresh ? nil : Self.describe(fd)
            let owner = "pid \(POSIX.pid) on \(ProcessInfo.processInfo.hostName) since \(Timestamp(Date()))\n"
            guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0, POSIX.writeAll(fd, Array(owner.utf8)) else {
                let detail = POSIX.errorText
                close(fd)
                throw .io(path: path, detail: "cannot write lock: \(detail)")
            }
            _ = fsync(fd)
            return CatalogueLock(path: path, fd: fd, tookOverFrom: previous.map { $0.isEmpty ? "an empty lock file" : $0 })
        }
        throw .locked(path: path, holder: "the lock file keeps changing")
    }

    /// Releases the lock: the file is removed while still held, then closed.
    public func release() {
        guardLock.lock()
        defer { guardLock.unlock() }
        guard !released else { return }
        released = true
        unlink(path)
        close(fd)
    }

    deinit { release() }

    /// The holder line written in the lock file, bounded.
    private static func describe(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { return "" }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    }
}
