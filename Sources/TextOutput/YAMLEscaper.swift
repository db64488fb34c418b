/// The one YAML escaper: every string double-quoted, everything a reader could misread escaped.
/// Quoting always (rather than only when needed) means no tool name, however hostile (`yes`, `null`,
/// `*anchor`, `key: value`, `# comment`, a newline), can change the meaning of the file.
public enum YAMLEscaper {
    /// Bytes copied as they are: printable ASCII except `"` and `\`.
    static let plain: [Bool] = plainTable { $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    /// In a comment quotes and backslashes are harmless and kept.
    static let commentPlain: [Bool] = plainTable { $0 >= 0x20 && $0 != 0x7F }

    /// `s` as a double-quoted YAML scalar.
    public static func quoted(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 2)
        out.append(byte: 0x22)
        appendContent(s, to: &out)
        out.append(byte: 0x22)
        return out.text
    }

    /// The inside of a double-quoted scalar: quotes, backslashes, line breaks, control, format
    /// (bidi, zero-width, BOM, tags) and unusual space characters escaped; other text kept.
    public static func content(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count)
        appendContent(s, to: &out)
        return out.text
    }

    /// Appends `content(s)` to `out`.
    public static func appendContent(_ s: String, to out: inout TextBuffer) {
        write(s, plain: plain, to: &out)
    }

    /// A comment line: line breaks, control and invisible characters escaped so a comment never
    /// spans lines or hides text; quotes and backslashes are kept.
    public static func comment(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 2)
        out.append("# ")
        write(s, plain: commentPlain, to: &out)
        return out.text
    }

    private static func write(_ s: String, plain: [Bool], to out: inout TextBuffer) {
        s.withUTF8Bytes { src in
            plain.withUnsafeBufferPointer { plain in
                escapeScalars(src, plain: plain, into: &out) { scalar, at, length, out in
                    if let escape = escape(scalar) {
                        out.append(escape)
                    } else if needsEscape(scalar) {
                        hexEscape(scalar, &out)
                    } else {
                        out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[at..<(at + length)]))
                    }
                }
            }
        }
    }

    private static func escape(_ scalar: UInt32) -> StaticString? {
        switch scalar {
        case 0x22: "\\\""
        case 0x5C: "\\\\"
        case 0x0A: "\\n"
        case 0x09: "\\t"
        case 0x0D: "\\r"
        case 0x00: "\\0"
        case 0x07: "\\a"
        case 0x08: "\\b"
        case 0x1B: "\\e"
        case 0x85: "\\N"
        case 0xA0: "\\_"
        case 0x2028: "\\L"
        case 0x2029: "\\P"
        default: nil
        }
    }

    private static func needsEscape(_ v: UInt32) -> Bool {
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v < 0x7F { return false }
        let p = Unicode.Scalar(v)!.properties
        switch p.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .unassigned, .surrogate, .privateUse:
            return true
        default:
            return p.isNoncharacterCodePoint
        }
    }

    private static func hexEscape(_ v: UInt32, _ out: inout TextBuffer) {
        if v <= 0xFF {
            out.append("\\x")
            Hex.append(v, minimumDigits: 2, uppercase: true, to: &out)
        } else if v <= 0xFFFF {
            out.append("\\u")
            Hex.append(v, minimumDigits: 4, uppercase: true, to: &out)
        } else {
            out.append("\\U")
            Hex.append(v, minimumDigits: 8, uppercase: true, to: &out)
        }
    }
}
