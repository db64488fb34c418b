/// String tokens: escapes, surrogate pairs, and UTF-8 validation that replaces bad bytes and records
/// where they were instead of failing the whole document.
extension Reader {
    /// Reads a string token, decoding escapes and validating UTF-8 (bad bytes become U+FFFD and an issue).
    mutating func string() throws(JSONError) -> String {
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { pos += 1; break }
            if b < 0x20 { throw .syntax("raw control character 0x\(String(b, radix: 16)) in string", offset: pos) }
            if b == UInt8(ascii: "\\") {
                pos += 1
                guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): appendScalar(try unicodeEscape(), to: &out)
                default: throw .syntax("invalid escape \\\(describe(e))", offset: pos - 2)
                }
                continue
            }
            if b < 0x80 { out.append(b); pos += 1; continue }
            let n = utf8SequenceLength(at: pos)
            if n == 0 {
                issues.append(JSONIssue(kind: .invalidUTF8, pointer: currentPointer(), offset: pos, detail: "0x\(String(b, radix: 16))"))
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                pos += 1
            } else {
                out.append(contentsOf: bytes[pos..<pos + n])
                pos += n
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads `XXXX` after `\u`, joining surrogate pairs; a lone surrogate becomes U+FFFD and an issue.
    mutating func unicodeEscape() throws(JSONError) -> UInt32 {
        let at = pos - 2
        let high = try hex4()
        if (0xD800...0xDBFF).contains(high) {
            if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                let save = pos
                pos += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) { return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00) }
                pos = save
            }
            issues.append(JSONIssue(kind: .invalidUTF8, pointer: currentPointer(), offset: at, detail: "lone surrogate"))
            return 0xFFFD
        }
        if (0xDC00...0xDFFF).contains(high) {
            issues.append(JSONIssue(kind: .invalidUTF8, pointer: currentPointer(), offset: at, detail: "lone surrogate"))
            return 0xFFFD
        }
        return high
    }

    mutating func hex4() throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw .syntax("invalid \\u escape", offset: pos)
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// Length of a well-formed UTF-8 sequence starting at `i` (no overlongs, no surrogates), or 0.
    func utf8SequenceLength(at i: Int) -> Int {
        let b0 = bytes[i]
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < bytes.count && range.contains(bytes[i + k])
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
