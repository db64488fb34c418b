#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into newline-terminated lines with a size limit: a pure value, fed in any
/// chunking, always giving the same lines. A line longer than the limit is reported once and its
/// bytes are discarded up to the next newline, where framing recovers.
public struct NewlineFramer: Sendable {
    /// What one call to `feed` produced, in order.
    public enum Output: Sendable, Hashable {
        /// A complete line without its `\n` (and without a trailing `\r`).
        case line([UInt8])
        /// A line grew past `maxLineBytes`; reported once, when crossed. Its remaining bytes are
        /// discarded up to the next newline.
        case oversized
    }

    /// The longest line accepted, in bytes, excluding the line ending.
    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    /// True while discarding the rest of an oversized line.
    private var discarding = false

    /// A framer with the given line limit.
    public init(maxLineBytes: Int) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Bytes held for an unfinished line.
    public var pendingBytes: Int { buffer.count }

    /// Feeds a chunk; returns the lines (and oversize reports) it completes.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [Output] {
        let bytes = Array(chunk)
        var out: [Output] = []
        var start = 0
        while start < bytes.count {
            let newline = Self.firstNewline(in: bytes, from: start)
            let segment = bytes[start..<(newline ?? bytes.count)]
            start = (newline ?? bytes.count) + 1
            if !discarding {
                let total = buffer.count + segment.count
                // One byte of room past the limit, for the `\r` of a `\r\n` ending.
                if segment.isEmpty || total <= maxLineBytes || (total == maxLineBytes + 1 && segment.last == 0x0D) {
                    buffer.append(contentsOf: segment)
                } else {
                    discarding = true
                    buffer = []
                    out.append(.oversized)
                }
            }
            guard newline != nil else { break }
            if discarding {
                discarding = false
            } else {
                if buffer.last == 0x0D { buffer.removeLast() }
                out.append(.line(buffer))
                buffer = []
            }
        }
        return out
    }

    /// The index of the first `\n` at or after `start` (memchr: lines can be megabytes long).
    private static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, start < buffer.count,
                  let hit = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Ends the stream: a last line without a newline is returned if there is one.
    public mutating func finish() -> [Output] {
        defer { buffer = []; discarding = false }
        if discarding || buffer.isEmpty { return [] }
        if buffer.last == 0x0D { buffer.removeLast() }
        return [.line(buffer)]
    }
}
