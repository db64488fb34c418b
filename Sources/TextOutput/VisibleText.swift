/// Turns untrusted text into text with every control, direction-changing and invisible character
/// spelled out, so what a reader sees is what the server sent. The terminal, Markdown and HTML
/// escapers are this plus their own syntax table (`SyntaxEscapes`), applied in the same pass.
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
        string(text, lines: lines, limit: limit, syntax: .none)
    }

    /// `text` made visible with `syntax`'s escapes, as a String.
    static func string(_ text: String, lines: Lines, limit: Int?, syntax: SyntaxEscapes) -> String {
        var out = TextBuffer(capacity: text.utf8.count)
        write(text, lines: lines, limit: limit, syntax: syntax, into: &out)
        return out.text
    }

    /// Appends `text` made visible, with `syntax`'s escapes applied to what is written, to `out`.
    /// `limit` counts input scalars; the rest is replaced by `… [N more characters]`.
    public static func write(_ text: String, lines: Lines, limit: Int?, syntax: SyntaxEscapes, into out: inout TextBuffer) {
        text.withUTF8Bytes { src in
            syntax.action.withUnsafeBufferPointer { action in
                // The common case: plain ASCII within the limit (no more bytes than the limit means no
                // more scalars either) is copied in one go.
                if limit.map({ src.count <= $0 }) ?? true, !src.contains(where: { action[Int($0)] != SyntaxEscapes.copy }) {
                    out.bytes.append(contentsOf: src)
                    return
                }
                var writer = VisibleWriter(syntax: syntax, action: action, lines: lines, limit: limit)
                if let cut = writer.write(src, into: &out) { writer.note(UTF8Scalar.count(src, from: cut), into: &out) }
            }
        }
    }

    /// Appends the concatenation of `pieces` as `write` would append it whole, without building it.
    public static func write(pieces: [String], lines: Lines, limit: Int?, syntax: SyntaxEscapes, into out: inout TextBuffer) {
        write(lines: lines, limit: limit, syntax: syntax, into: &out) { w in for piece in pieces { w.write(piece) } }
    }

    /// True for C0 controls, DEL and C1 controls: bytes a terminal may act on.
    @inlinable
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value)
    }

    /// True for characters that change direction, join, or show nothing: bidi overrides and
    /// isolates, zero-width characters, tag characters, stray variation selectors, separators.
    public static func isInvisible(_ u: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        let v = u.value
        if v < 0xAD { return false }  // printable ASCII and Latin-1 before the soft hyphen: the common case, decided cheaply
        if Self.commonVisible(v) { return false }
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

    /// Blocks of common text known to hold no invisible character (a test checks each against the
    /// full rule): Latin, Greek, Cyrillic, dashes and quotes, arrows and symbols, CJK and Hangul.
    @inlinable
    static func commonVisible(_ v: UInt32) -> Bool {
        (0x00AE...0x034E).contains(v) || (0x0370...0x052F).contains(v) || (0x2010...0x2027).contains(v)
            || (0x2030...0x205E).contains(v) || (0x2070...0x2BFF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xAC00...0xD7A3).contains(v)
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

    /// `value` in uppercase hex with at least `minimumDigits` digits.
    public static func hex(_ value: UInt32, minimumDigits: Int) -> String {
        var out = TextBuffer()
        Hex.append(value, minimumDigits: minimumDigits, uppercase: true, to: &out)
        return out.text
    }
}

/// One pass of `VisibleText.write`: spells hazards out and applies the syntax table to everything
/// it writes, copying runs of plain ASCII whole. It can write a text in several pieces.
struct VisibleWriter {
    let syntax: SyntaxEscapes
    let action: UnsafeBufferPointer<UInt8>
    let lines: VisibleText.Lines
    let limit: Int?
    /// Input scalars read so far.
    var kept = 0
    /// The last input scalar (a variation selector is kept only right after an emoji).
    var previous: Unicode.Scalar?
    /// The last byte of visible text written, before syntax escaping (Markdown's `:/` rule reads it).
    var lastVisible: UInt8 = 0

    init(syntax: SyntaxEscapes, action: UnsafeBufferPointer<UInt8>, lines: VisibleText.Lines, limit: Int?) {
        self.syntax = syntax; self.action = action; self.lines = lines; self.limit = limit
    }

    /// Writes `src`; returns the byte offset where the limit was reached, if it was.
    mutating func write(_ src: UnsafeBufferPointer<UInt8>, into out: inout TextBuffer) -> Int? {
        let n = src.count
        var i = 0
        while i < n {
            if let limit, kept >= limit { return i }
            let b = src[i]
            if action[Int(b)] == SyntaxEscapes.copy {
                // Plain ASCII: one scalar per byte, copied as a run up to the limit.
                let end = limit.map { min(n, i + ($0 - kept)) } ?? n
                var j = i + 1
                while j < end && action[Int(src[j])] == SyntaxEscapes.copy { j += 1 }
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<j]))
                kept += j - i
                lastVisible = src[j - 1]
                previous = Unicode.Scalar(src[j - 1])
                i = j
                continue
            }
            let (value, length) = UTF8Scalar.decode(src, at: i)
            let u = Unicode.Scalar(value)!
            i += length
            kept += 1
            defer { previous = u }
            switch value {
            case 0x0A:
                if lines == .single { visible("⏎", &out) } else { out.bytes.append(contentsOf: syntax.newline); lastVisible = 0x0A }
            case 0x09:
                if lines == .single { visible("\\t", &out) } else { visible(byte: 0x09, &out) }
            case 0x0D where i < n && src[i] == 0x0A:
                continue  // \r\n reads as \n
            default:
                if VisibleText.isControl(u) {
                    visible("\\u{", &out)
                    var hex = TextBuffer()
                    Hex.append(value, minimumDigits: 2, uppercase: true, to: &hex)
                    visible(hex.bytes, &out)
                    visible("}", &out)
                } else if VisibleText.isInvisible(u, after: previous) {
                    visible("<U+", &out)
                    var hex = TextBuffer()
                    Hex.append(value, minimumDigits: 4, uppercase: true, to: &hex)
                    visible(hex.bytes, &out)
                    visible(">", &out)
                } else if length == 1 {
                    visible(byte: UInt8(value), &out)
                } else {
                    out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[(i - length)..<i]))
                    lastVisible = src[i - 1]
                }
            }
        }
        return nil
    }

    /// Writes the note that replaces the `rest` characters past the limit.
    mutating func note(_ rest: Int, into out: inout TextBuffer) {
        visible("… [", &out)
        var count = TextBuffer()
        count.append(decimal: rest)
        visible(count.bytes, &out)
        visible(" more characters]", &out)
    }

    /// Writes visible text's bytes through the syntax table.
    mutating func visible(_ text: StaticString, _ out: inout TextBuffer) {
        text.withUTF8Buffer { for b in $0 { visible(byte: b, &out) } }
    }

    mutating func visible(_ bytes: [UInt8], _ out: inout TextBuffer) {
        for b in bytes { visible(byte: b, &out) }
    }

    mutating func visible(byte b: UInt8, _ out: inout TextBuffer) {
        switch action[Int(b)] {
        case SyntaxEscapes.replace:
            out.bytes.append(contentsOf: syntax.replacements[Int(b)])
        case SyntaxEscapes.slashAfterColon where lastVisible == 0x3A:
            out.bytes.append(0x5C)
            out.bytes.append(b)
        default:
            out.bytes.append(b)
        }
        lastVisible = b
    }
}
