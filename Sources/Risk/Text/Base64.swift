/// A small, strict Base64 decoder (standard and URL-safe alphabets, padding optional), enough to
/// reveal what an encoded blob in a description says.
enum Base64 {
    private static let table: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = Int8(i) }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// The bytes `text` encodes, or nil when it is not Base64 (bad character, impossible length).
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var bits: UInt32 = 0
        var count = 0
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3 / 4)
        var padding = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0 else { return nil }
            let v = table[Int(c)]
            guard v >= 0 else { return nil }
            bits = (bits << 6) | UInt32(v)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> UInt32(count)) & 0xFF))
            }
        }
        guard padding <= 2, count < 6 else { return nil }
        return out
    }

    /// The bytes of a hex string (even length, digits and a–f in either case), or nil.
    static func decodeHex(_ text: some StringProtocol) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let hi = hexValue(digits[i]), let lo = hexValue(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }

    /// The bytes as text when they are valid UTF-8 and at least 90% printable (letters, digits,
    /// punctuation, spaces, newlines), else nil: the test for "this blob hides readable text".
    static func readableText(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty else { return nil }
        var text = ""
        var printable = 0
        var total = 0
        var codec = UTF8()
        var bytesIterator = bytes.makeIterator()
        decoding: while true {
            let s: Unicode.Scalar
            switch codec.decode(&bytesIterator) {
            case .scalarValue(let v): s = v
            case .emptyInput: break decoding
            case .error: return nil
            }
            text.unicodeScalars.append(s)
            total += 1
            if s == "\n" || s == "\t" || s == "\r" || (s.value >= 0x20 && s.value < 0x7F) || (s.value >= 0xA0 && s.properties.isAlphabetic) {
                printable += 1
            }
        }
        return printable * 10 >= total * 9 ? text : nil
    }
}
