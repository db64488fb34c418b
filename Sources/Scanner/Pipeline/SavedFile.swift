#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

/// Reads a saved server file in one go into one byte array, never more than the JSON parser accepts:
/// a larger file is refused after reading one byte past the limit, not loaded whole.
enum SavedFile {
    /// What reading a file can end in.
    enum Outcome {
        case bytes([UInt8])
        case missing
        case unreadable(String)
        case tooLarge(Int)
    }

    /// The bytes of `path`, up to `limit` bytes.
    static func contents(_ path: String, limit: Int = JSONLimits.standard.maxBytes) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        // Room for the whole file as it is now, plus one byte to notice one that grew past the limit.
        var out = [UInt8](repeating: 0, count: min(max(size, 0), limit) + 1)
        var filled = 0
        while true {
            if filled == out.count {
                guard out.count <= limit else { return .tooLarge(limit) }
                out.append(contentsOf: repeatElement(0, count: min(out.count, limit + 1 - out.count)))
            }
            let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        guard filled <= limit else { return .tooLarge(limit) }
        out.removeLast(out.count - filled)
        return .bytes(out)
    }
}
