/// The loop every escaper shares: runs of bytes the language leaves alone are copied whole (the
/// ASCII fast path), and each other scalar is handed to the language, which writes what it becomes.
/// `plain` says, per byte value, whether the byte is copied as it is; bytes from 0x80 up must not be.
@inlinable
func escapeScalars(_ src: UnsafeBufferPointer<UInt8>, plain: UnsafeBufferPointer<Bool>, into out: inout TextBuffer,
                   _ special: (_ scalar: UInt32, _ at: Int, _ length: Int, _ out: inout TextBuffer) -> Void) {
    let n = src.count
    var i = 0
    while i < n {
        let b = src[i]
        if plain[Int(b)] {
            var j = i + 1
            while j < n && plain[Int(src[j])] { j += 1 }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<j]))
            i = j
            continue
        }
        let (scalar, length) = UTF8Scalar.decode(src, at: i)
        special(scalar, i, length, &out)
        i += length
    }
}

/// Decoding of the valid UTF-8 a Swift String stores.
@usableFromInline
enum UTF8Scalar {
    /// The scalar starting at `i` and its length in bytes.
    @inlinable
    static func decode(_ src: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b = UInt32(src[i])
        if b < 0x80 { return (b, 1) }
        if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(src[i + 1] & 0x3F), 2) }
        if b < 0xF0 { return ((b & 0x0F) << 12 | UInt32(src[i + 1] & 0x3F) << 6 | UInt32(src[i + 2] & 0x3F), 3) }
        return ((b & 0x07) << 18 | UInt32(src[i + 1] & 0x3F) << 12 | UInt32(src[i + 2] & 0x3F) << 6 | UInt32(src[i + 3] & 0x3F), 4)
    }

    /// The number of scalars in `src[from...]` (bytes that do not continue a scalar).
    @inlinable
    static func count(_ src: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var k = 0
        for j in from..<src.count where src[j] & 0xC0 != 0x80 { k += 1 }
        return k
    }
}

/// Hex digits as escapes write them.
@usableFromInline
enum Hex {
    @usableFromInline static let upper: [UInt8] = Array("0123456789ABCDEF".utf8)
    @usableFromInline static let lower: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` in hex with at least `minimumDigits` digits.
    @inlinable
    static func append(_ value: UInt32, minimumDigits: Int, uppercase: Bool, to out: inout TextBuffer) {
        var digits = 1
        while digits < 8 && value >> (4 * UInt32(digits)) != 0 { digits += 1 }
        let table = uppercase ? upper : lower
        for k in stride(from: max(digits, minimumDigits) - 1, through: 0, by: -1) {
            out.bytes.append(table[Int((value >> (4 * UInt32(k))) & 0xF)])
        }
    }
}

/// A table of 256 flags built from the bytes a language leaves alone.
@usableFromInline
func plainTable(_ isPlain: (UInt8) -> Bool) -> [Bool] {
    (0...255).map { b in b < 0x80 && isPlain(UInt8(b)) }
}
