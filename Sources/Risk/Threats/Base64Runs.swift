/// Runs of Base64, Base32 and hex digits that decode to readable text.
enum Base64Runs {
    /// The readable texts hidden in runs of `bytes` (UTF-8 of the original text).
    static func decode(_ bytes: [UInt8]) -> [PayloadDecoder.Decoded] {
        guard bytes.count >= PayloadDecoder.minimumRun else { return [] }
        var out: [PayloadDecoder.Decoded] = binaryGroups(bytes)
        var i = 0
        let n = bytes.count
        while i < n {
            guard isAlphabet(bytes[i]) else { i += 1; continue }
            var end = i
            while end < n && isAlphabet(bytes[end]) { end += 1 }
            var padded = end
            while padded < n && bytes[padded] == 0x3D && padded - end < 6 { padded += 1 }
            if end - i >= PayloadDecoder.minimumRun, let d = decodeRun(Array(bytes[i..<end])) {
                out.append(PayloadDecoder.Decoded(encoding: d.0, range: i..<padded, text: d.1))
            }
            i = padded + (padded == i ? 1 : 0)
        }
        return out
    }

    @inline(__always) static func isAlphabet(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2B || b == 0x2F || b == 0x2D || b == 0x5F
    }

    /// Text spelled as space-separated 8-bit groups (`01001000 01101001 …`), four groups or more.
    static func binaryGroups(_ bytes: [UInt8]) -> [PayloadDecoder.Decoded] {
        var out: [PayloadDecoder.Decoded] = []
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            guard bytes[i] == 0x30 || bytes[i] == 0x31, i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x3A else { i += 1; continue }
            var decoded: [UInt8] = []
            var k = i
            while k + 8 <= n, bytes[k..<(k + 8)].allSatisfy({ $0 == 0x30 || $0 == 0x31 }), k + 8 == n || bytes[k + 8] == 0x20 || bytes[k + 8] == 0x2E {
                decoded.append(bytes[k..<(k + 8)].reduce(UInt8(0)) { $0 << 1 | ($1 - 0x30) })
                k += 9
            }
            if decoded.count >= 4, let text = PayloadDecoder.readableText(decoded) {
                out.append(PayloadDecoder.Decoded(encoding: "binary", range: i..<min(k, n), text: text))
            }
            i = max(k, i + 1)
        }
        return out
    }

    /// The encoding and text of one run, if it hides readable text.
    static func decodeRun(_ run: [UInt8]) -> (String, String)? {
        if run.count >= 32, run.count % 8 == 0, run.allSatisfy({ $0 == 0x30 || $0 == 0x31 }) {
            var bytes: [UInt8] = []
            var k = 0
            while k < run.count { bytes.append(run[k..<(k + 8)].reduce(UInt8(0)) { $0 << 1 | ($1 - 0x30) }); k += 8 }
            return PayloadDecoder.readableText(bytes).map { ("binary", $0) }
        }
        var body = run[...]
        if body.starts(with: [0x30, 0x78]) || body.starts(with: [0x30, 0x58]) { body = body.dropFirst(2) }
        if body.count >= PayloadDecoder.minimumRun, body.allSatisfy(isHexDigit) {
            return hex(Array(body)).flatMap(PayloadDecoder.readableText).map { ("hex", $0) }
        }
        let upper = run.contains { $0 >= 0x41 && $0 <= 0x5A }, lower = run.contains { $0 >= 0x61 && $0 <= 0x7A }
        // Paths and identifiers split by / - _ are runs too; Base64 rarely has many of them.
        let separators = run.filter { $0 == 0x2F || $0 == 0x2D || $0 == 0x5F }.count
        guard separators * 12 <= run.count else { return nil }
        if upper && !lower, run.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x32 && $0 <= 0x37) }),
           let text = base32(run).flatMap(PayloadDecoder.readableText) {
            return ("Base32", text)
        }
        guard upper && lower else { return nil }
        for cut in 0..<4 where run.count - cut >= PayloadDecoder.minimumRun {
            let candidate = Array(run.dropLast(cut))
            guard candidate.count % 4 != 1, let bytes = base64(candidate) else { continue }
            // A gzip or zlib stream in Base64 (a "policy bundle") is read once inflated.
            if let inflated = Inflate.unwrap(bytes), let text = PayloadDecoder.readableText(inflated) { return ("gzip in Base64", text) }
            guard let text = PayloadDecoder.readableText(bytes) ?? PayloadDecoder.encodedText(bytes) else { continue }
            return ("Base64", text)
        }
        return nil
    }

    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }

    /// The value of a hex digit.
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }

    /// The bytes of a hex string of even length.
    static func hex(_ digits: [UInt8]) -> [UInt8]? {
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

    private static let base64Table: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = Int8(i) }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// The bytes of a Base64 run (standard or URL-safe alphabet, no padding).
    static func base64(_ run: [UInt8]) -> [UInt8]? {
        var bits: UInt32 = 0, count = 0
        var out: [UInt8] = []
        out.reserveCapacity(run.count * 3 / 4)
        for c in run {
            let v = base64Table[Int(c)]
            guard v >= 0 else { return nil }
            bits = (bits << 6) | UInt32(v)
            count += 6
            if count >= 8 { count -= 8; out.append(UInt8((bits >> UInt32(count)) & 0xFF)) }
        }
        return out
    }

    /// The bytes of a Base32 run (RFC 4648 alphabet, padding dropped).
    static func base32(_ run: [UInt8]) -> [UInt8]? {
        var bits: UInt64 = 0, count = 0
        var out: [UInt8] = []
        for c in run {
            let v: UInt64
            switch c {
            case 0x41...0x5A: v = UInt64(c - 0x41)
            case 0x32...0x37: v = UInt64(c - 0x32 + 26)
            default: return nil
            }
            bits = (bits << 5) | v
            count += 5
            if count >= 8 { count -= 8; out.append(UInt8((bits >> UInt64(count)) & 0xFF)) }
        }
        return out
    }
}
