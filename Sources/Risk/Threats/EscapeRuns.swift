/// Text spelled in escapes: `\x41` and `\u0041` sequences, percent-encoding (`%41`) and HTML entities
/// (`&#65;`, `&#x41;`, `&lt;`). A run of at least `minimumEscapes` escapes (with plain characters
/// between them allowed) is decoded as a whole.
enum EscapeRuns {
    /// Fewest escapes that make a run worth decoding.
    static let minimumEscapes = 4

    static func decode(_ bytes: [UInt8]) -> [PayloadDecoder.Decoded] {
        guard bytes.count >= minimumEscapes * 3,
              bytes.contains(where: { $0 == 0x5C || $0 == 0x25 || $0 == 0x26 }) else { return [] }
        var out: [PayloadDecoder.Decoded] = []
        for (encoding, marker) in [("\\x / \\u escapes", UInt8(0x5C)), ("percent-encoded", 0x25), ("HTML entities", 0x26)] {
            guard bytes.contains(marker) else { continue }
            var i = 0
            while i < bytes.count {
                guard let (decoded, end, escapes) = run(bytes, from: i, marker: marker) else { i += 1; continue }
                // The plain letters just before the first escape belong to the text (`Env%C3%ADa`).
                var start = i
                while start > 0, start > i - 24, Base64Runs.isAlphabet(bytes[start - 1]) { start -= 1 }
                if escapes >= minimumEscapes, let text = PayloadDecoder.readableText(Array(bytes[start..<i]) + decoded) {
                    out.append(PayloadDecoder.Decoded(encoding: encoding, range: start..<end, text: text))
                }
                i = max(end, i + 1)
            }
        }
        return out
    }

    /// The bytes a run of escapes starting at `start` spells, where it ends and how many escapes it had.
    private static func run(_ b: [UInt8], from start: Int, marker: UInt8) -> ([UInt8], Int, Int)? {
        var i = start
        var out: [UInt8] = []
        var escapes = 0
        var lastEscapeEnd = start
        while i < b.count {
            if b[i] == marker, let (bytes, length) = escape(b, at: i, marker: marker) {
                out += bytes
                escapes += 1
                i += length
                lastEscapeEnd = i
                continue
            }
            // Plain printable characters may sit between escapes (`%20` between words), not line breaks.
            guard escapes > 0, b[i] >= 0x20, b[i] < 0x7F, i - lastEscapeEnd < 24 else { break }
            out.append(b[i])
            i += 1
        }
        guard escapes > 0 else { return nil }
        // Plain characters after the last escape stay when they continue its word (`%40base-datos.es`).
        var keep = 0
        while lastEscapeEnd + keep < i, b[lastEscapeEnd + keep] != 0x20 { keep += 1 }
        out.removeLast(i - lastEscapeEnd - keep)
        return (out, lastEscapeEnd + keep, escapes)
    }

    /// One escape at `i`: the UTF-8 bytes it stands for and its length.
    private static func escape(_ b: [UInt8], at i: Int, marker: UInt8) -> ([UInt8], Int)? {
        func hexDigits(_ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= b.count else { return nil }
            var v: UInt32 = 0
            for k in from..<(from + count) {
                guard let d = Base64Runs.hexValue(b[k]) else { return nil }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        switch marker {
        case 0x5C:
            guard i + 1 < b.count else { return nil }
            if b[i + 1] == 0x78, let v = hexDigits(i + 2, 2) { return ([UInt8(v)], 4) }
            if b[i + 1] == 0x75, let v = hexDigits(i + 2, 4), let s = Unicode.Scalar(v) { return (Array(String(s).utf8), 6) }
            return nil
        case 0x25:
            guard let v = hexDigits(i + 1, 2) else { return nil }
            return ([UInt8(v)], 3)
        default:
            guard let semicolon = b[i..<min(b.count, i + 10)].firstIndex(of: 0x3B) else { return nil }
            let body = Array(b[(i + 1)..<semicolon])
            let length = semicolon - i + 1
            if body.first == 0x23 {
                let digits = Array(body.dropFirst())
                let value: UInt32?
                if digits.first == 0x78 || digits.first == 0x58 {
                    value = digits.count > 1 ? UInt32(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16) : nil
                } else {
                    value = UInt32(String(decoding: digits, as: UTF8.self))
                }
                guard let v = value, let s = Unicode.Scalar(v) else { return nil }
                return (Array(String(s).utf8), length)
            }
            let named: [String: UInt8] = ["lt": 0x3C, "gt": 0x3E, "amp": 0x26, "quot": 0x22, "apos": 0x27, "sol": 0x2F, "colon": 0x3A, "period": 0x2E]
            guard let v = named[String(decoding: body, as: UTF8.self)] else { return nil }
            return ([v], length)
        }
    }
}
