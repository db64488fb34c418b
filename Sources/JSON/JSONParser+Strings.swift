/// String tokens: escapes, surrogate pairs, and UTF-8 validation that replaces bad bytes and records
/// where they were instead of failing the whole document. A string without escapes or bad bytes (the
/// usual case) is made straight from the input; others are decoded into one reused scratch buffer.
/// A string with bad text gets one issue, at its first bad sequence, counting the rest: a hostile
/// string cannot turn into millions of issues (nor fill the document's cap on its own).
extension Reader {
    /// Reads a string token, decoding escapes and validating UTF-8 (each run of bad bytes becomes one
    /// U+FFFD).
    mutating func string() throws(JSONError) -> String {
        pos += 1
        let start = pos
        while pos < end {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            if b < 0x80 { pos += 1; continue }
            let n = utf8SequenceLength(at: pos)
            if n == 0 { break }
            pos += n
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        badText = (0, 0, "")
        try decodeRest()
        if badText.count > 0 {
            let more = badText.count - 1
            record(.invalidUTF8, offset: badText.offset,
                   detail: more == 0 ? badText.first : "\(badText.first); \(more) more invalid sequence\(more == 1 ? "" : "s") in this string")
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Decodes the rest of a string into `scratch`, from an escape, a control character or a bad byte.
    private mutating func decodeRest() throws(JSONError) {
        var run = pos  // start of plain bytes not yet copied
        while true {
            guard pos < end else { throw .unexpectedEnd(offset: pos) }
            let b = bytes[pos]
            if b >= 0x20 && b < 0x80 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { pos += 1; continue }
            if b >= 0x80 {
                let n = utf8SequenceLength(at: pos)
                if n > 0 { pos += n; continue }
            }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<pos]))
            if b == UInt8(ascii: "\"") { pos += 1; return }
            if b < 0x20 { throw .syntax("raw control character 0x\(String(b, radix: 16)) in string", offset: pos) }
            if b == UInt8(ascii: "\\") {
                try escape()
            } else {
                invalidBytes()
            }
            run = pos
        }
    }

    /// Decodes one escape sequence at `pos` into `scratch`.
    private mutating func escape() throws(JSONError) {
        pos += 1
        guard pos < end else { throw .unexpectedEnd(offset: pos) }
        let e = bytes[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): appendScalar(try unicodeEscape())
        default: throw .syntax("invalid escape \\\(describe(e))", offset: pos - 2)
        }
    }

    /// Replaces the run of bytes at `pos` that are not UTF-8 with one U+FFFD and records one issue;
    /// a run stops at the next byte that starts valid text (or ends the string).
    private mutating func invalidBytes() {
        let first = pos
        pos += 1
        while pos < end {
            let b = bytes[pos]
            if b < 0x80 || utf8SequenceLength(at: pos) > 0 { break }
            pos += 1
        }
        if badText.count == 0 {
            let length = pos - first, b = bytes[first]
            badText.offset = first
            badText.first = length == 1 ? "0x\(String(b, radix: 16))" : "\(length) bytes from 0x\(String(b, radix: 16))"
        }
        badText.count += 1
        scratch.append(0xEF); scratch.append(0xBF); scratch.append(0xBD)
    }

    /// Reads `XXXX` after `\u`, joining surrogate pairs; a lone surrogate becomes U+FFFD and an issue.
    mutating func unicodeEscape() throws(JSONError) -> UInt32 {
        let at = pos - 2
        let high = try hex4()
        if (0xD800...0xDBFF).contains(high) {
            if pos + 1 < end, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                let save = pos
                pos += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) { return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00) }
                pos = save
            }
            loneSurrogate(at: at)
            return 0xFFFD
        }
        if (0xDC00...0xDFFF).contains(high) {
            loneSurrogate(at: at)
            return 0xFFFD
        }
        return high
    }

    private mutating func loneSurrogate(at offset: Int) {
        if badText.count == 0 { badText.offset = offset; badText.first = "lone surrogate" }
        badText.count += 1
    }

    mutating func hex4() throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < end else { throw .unexpectedEnd(offset: pos) }
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

    /// Appends the UTF-8 encoding of `v` (a scalar value, never a surrogate here) to `scratch`.
    mutating func appendScalar(_ v: UInt32) {
        switch v {
        case 0..<0x80:
            scratch.append(UInt8(v))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | v >> 6)); scratch.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | v >> 12)); scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | v >> 18)); scratch.append(UInt8(0x80 | v >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F)); scratch.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// Length of a well-formed UTF-8 sequence starting at `i` (no overlongs, no surrogates), or 0.
    func utf8SequenceLength(at i: Int) -> Int {
        let b0 = bytes[i]
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < end && bytes[i + k] >= low && bytes[i + k] <= high
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
