/// Turns untrusted text into text with every control, direction-changing and invisible character
/// spelled out, so what a reader sees is what the server sent. Each medium's escaper starts here
/// and then adds its own syntax escaping on top.
public enum VisibleText {
    /// How line breaks in the input are treated.
    public enum Lines: Sendable {
        /// One line: `\n` becomes `⏎`, other breaks are spelled out.
        case single
        /// Several lines: `\n` (and `\r\n`) stays a line break.
        case multiple
    }

    /// The default cap on characters kept from one server string (longer text is cut with a note).
    public static let defaultLimit = 2_000

    /// `text` with hazards spelled out (`\u{1B}` for controls, `<U+202E>` for invisible characters),
    /// cut to `limit` characters of input with a note saying how much was left out.
    public static func make(_ text: String, lines: Lines, limit: Int? = defaultLimit) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        var kept = 0
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if let limit, kept >= limit {
                out += "… [\(scalars.count - index) more characters]"
                break
            }
            let u = scalars[index]
            index += 1
            kept += 1
            defer { previous = u }
            if u == "\r", index < scalars.count, scalars[index] == "\n" { continue }  // \r\n reads as \n
            switch u {
            case "\n": out += lines == .single ? "⏎" : "\n"
            case "\t": out += lines == .single ? "\\t" : "\t"
            default:
                if isControl(u) {
                    out += "\\u{" + hex(u.value, minimumDigits: 2) + "}"
                } else if isInvisible(u, after: previous) {
                    out += "<U+" + hex(u.value, minimumDigits: 4) + ">"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// True for C0 controls, DEL and C1 controls: bytes a terminal may act on.
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value)
    }

    /// True for characters that change direction, join, or show nothing: bidi overrides and
    /// isolates, zero-width characters, tag characters, stray variation selectors, separators.
    public static func isInvisible(_ u: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        let v = u.value
        if v < 0xAD { return false }  // printable ASCII and Latin-1 before the soft hyphen: the common case, decided cheaply
        // A variation selector right after an emoji is how emoji are drawn; anywhere else it hides data.
        if v == 0xFE0E || v == 0xFE0F, let previous, previous.properties.isEmoji, !isControl(previous) { return false }
        if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) || (0xE0000...0xE007F).contains(v) { return true }
        switch v {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFFA0, 0xFEFF,
             0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFFF9...0xFFFB:
            return true
        default:
            break
        }
        let p = u.properties
        if p.isBidiControl || p.isDefaultIgnorableCodePoint { return true }
        switch p.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control: return true
        default: return false
        }
    }

    /// True when `text` holds nothing `make` would spell out (used by tests and to skip work).
    public static func isPlain(_ text: String) -> Bool {
        var previous: Unicode.Scalar?
        for u in text.unicodeScalars {
            if isControl(u) || isInvisible(u, after: previous) { return false }
            previous = u
        }
        return true
    }

    static func hex(_ value: UInt32, minimumDigits: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, minimumDigits - digits.count)) + digits
    }
}
