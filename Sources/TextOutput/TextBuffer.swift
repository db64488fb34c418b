/// One output's UTF-8 bytes, appended to in place. Renderers and escapers write here rather than
/// building intermediate Strings, so report text is copied once on its way out.
public struct TextBuffer: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes written.
    public var count: Int { bytes.count }
    /// True when nothing was written.
    public var isEmpty: Bool { bytes.isEmpty }
    /// The last byte written, if any.
    public var last: UInt8? { bytes.last }

    /// The text written (the bytes are UTF-8 by construction).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends the UTF-8 bytes of `s`.
    @inlinable
    public mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }

    /// Appends the UTF-8 bytes of `s`.
    @inlinable
    public mutating func append(_ s: Substring) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }

    /// Appends a literal.
    @inlinable
    public mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte.
    @inlinable
    public mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends bytes.
    @inlinable
    public mutating func append(bytes other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

    /// Appends another buffer's bytes.
    @inlinable
    public mutating func append(_ other: TextBuffer) { bytes.append(contentsOf: other.bytes) }

    /// Appends `n` in decimal.
    public mutating func append(decimal n: Int) {
        if n >= 0 && n < 10 { bytes.append(0x30 + UInt8(n)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var value = n.magnitude
        var length = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - length] = 0x30 + UInt8(value % 10)
                value /= 10
                length += 1
            } while value > 0
        }
        if n < 0 { bytes.append(0x2D) }
        withUnsafeBytes(of: &digits) { d in bytes.append(contentsOf: d[(20 - length)...]) }
    }

    /// Appends `count` spaces.
    public mutating func append(spaces count: Int) {
        var left = count
        while left > 0 {
            let n = min(left, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// Removes the last `k` bytes.
    public mutating func removeLast(_ k: Int = 1) { bytes.removeLast(k) }

    /// Removes everything, keeping the storage for reuse.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

extension String {
    /// Calls `body` with this string's UTF-8 bytes in contiguous storage (copied once only when the
    /// string is not stored as native UTF-8, e.g. bridged).
    @inlinable
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }
}
