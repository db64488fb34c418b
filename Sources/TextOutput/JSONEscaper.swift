/// The one JSON string escaper: quotes, backslashes and control characters escaped, U+2028/2029
/// escaped too so the text is also safe inside a script or a line-based log. Reports also escape C1
/// controls and invisible or direction-changing characters (`escapingInvisible`), so the JSON stays
/// lossless yet is safe to print to a terminal.
public enum JSONEscaper {
    /// Bytes copied as they are: printable ASCII except `"` and `\`.
    static let plain: [Bool] = plainTable { $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }

    /// Appends `s` as a JSON string literal.
    public static func appendQuoted(_ s: String, escapingInvisible: Bool = false, to out: inout TextBuffer) {
        out.bytes.append(0x22)
        appendEscaped(s, escapingInvisible: escapingInvisible, to: &out)
        out.bytes.append(0x22)
    }

    /// Appends the concatenation of `pieces` as one JSON string literal, without building it. Each
    /// piece after the first must follow an ASCII character that is not an emoji (a space, a quote),
    /// so each piece's escaping does not depend on the piece before it.
    public static func appendQuoted(pieces: [String], escapingInvisible: Bool = false, to out: inout TextBuffer) {
        var o = JSONOutput(indent: nil, escapingInvisible: escapingInvisible)
        swap(&o.buffer, &out)
        o.string { w in for piece in pieces { w.write(piece) } }
        swap(&o.buffer, &out)
    }

    /// Appends the inside of `s`'s string literal (as if it followed a quote).
    static func appendEscaped(_ s: String, escapingInvisible: Bool, to out: inout TextBuffer) {
        s.withUTF8Bytes { src in
            // The common case, a short plain string (keys, names, enum values), is copied in one go.
            var plainOnly = true
            for b in src where b < 0x20 || b >= 0x7F || b == 0x22 || b == 0x5C { plainOnly = false; break }
            if plainOnly { out.bytes.append(contentsOf: src); return }
            plain.withUnsafeBufferPointer { plain in
                // The scalar written last, as the invisible check sees it: an escape's last character, or the
                // scalar itself (a variation selector is kept only right after an emoji).
                var previous: UInt32 = 0x22
                var runEnd = 0
                escapeScalars(src, plain: plain, into: &out) { scalar, at, length, out in
                    if at > runEnd { previous = UInt32(src[at - 1]) }  // a plain run came between
                    runEnd = at + length
                    previous = write(scalar, src: src, at: at, length: length, previous: previous, escapingInvisible: escapingInvisible, into: &out)
                }
            }
        }
    }

    /// Writes one scalar that is not plain ASCII; returns the scalar the text now ends with.
    private static func write(_ scalar: UInt32, src: UnsafeBufferPointer<UInt8>, at: Int, length: Int, previous: UInt32,
                              escapingInvisible: Bool, into out: inout TextBuffer) -> UInt32 {
        switch scalar {
        case 0x22: out.append("\\\""); return 0x22
        case 0x5C: out.append("\\\\"); return 0x5C
        case 0x0A: out.append("\\n"); return UInt32(UInt8(ascii: "n"))
        case 0x0D: out.append("\\r"); return UInt32(UInt8(ascii: "r"))
        case 0x09: out.append("\\t"); return UInt32(UInt8(ascii: "t"))
        case 0x08: out.append("\\b"); return UInt32(UInt8(ascii: "b"))
        case 0x0C: out.append("\\f"); return UInt32(UInt8(ascii: "f"))
        case 0x2028: out.append("\\u2028"); return UInt32(UInt8(ascii: "8"))
        case 0x2029: out.append("\\u2029"); return UInt32(UInt8(ascii: "9"))
        case 0..<0x20, 0x7F:
            out.append("\\u")
            Hex.append(scalar, minimumDigits: 4, uppercase: false, to: &out)
            return UInt32(Hex.lower[Int(scalar & 0xF)])
        default:
            let u = Unicode.Scalar(scalar)!
            if escapingInvisible && (VisibleText.isControl(u) || VisibleText.isInvisible(u, after: Unicode.Scalar(previous))) {
                for unit in String(u).utf16 {
                    out.append("\\u")
                    Hex.append(UInt32(unit), minimumDigits: 4, uppercase: false, to: &out)
                }
            } else {
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[at..<(at + length)]))
            }
            // The check that follows sees this scalar, escaped or not (as a pass over the text would).
            return scalar
        }
    }

    /// `s` as a JSON string literal.
    public static func quoted(_ s: String, escapingInvisible: Bool = false) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 2)
        appendQuoted(s, escapingInvisible: escapingInvisible, to: &out)
        return out.text
    }
}
