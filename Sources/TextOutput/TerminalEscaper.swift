/// Escaping for a terminal: no byte a terminal could act on ever comes from a server string.
public enum TerminalEscaper {
    /// One line of display text: controls as `\u{1B}`, invisible characters as `<U+202E>`, `\n` as `⏎`.
    public static func line(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        VisibleText.make(text, lines: .single, limit: limit)
    }

    /// `line` of the concatenation of `pieces`, without building it.
    public static func line(pieces: [String], limit: Int? = VisibleText.defaultLimit) -> String {
        line(limit: limit) { w in for piece in pieces { w.write(piece) } }
    }

    /// `line` of the text `body` writes in pieces, without building it.
    public static func line(limit: Int? = VisibleText.defaultLimit, _ body: (inout VisiblePieces) -> Void) -> String {
        var out = TextBuffer(capacity: 128)
        VisibleText.write(lines: .single, limit: limit, syntax: .none, into: &out, body)
        return out.text
    }

    /// Appends `line(text, limit:)` to `out`.
    public static func appendLine(_ text: String, limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer) {
        VisibleText.write(text, lines: .single, limit: limit, syntax: .none, into: &out)
    }

    /// Several lines of display text, each following line indented by `indent`.
    public static func block(_ text: String, indent: String, limit: Int? = VisibleText.defaultLimit) -> String {
        VisibleText.string(text, lines: .multiple, limit: limit, syntax: SyntaxEscapes.none.indentingLines(indent))
    }

    /// `text` (already escaped) cut to `width` characters with `…`; nil or a roomy width keeps it whole.
    public static func fit(_ text: String, width: Int?) -> String {
        guard let width, width > 0, text.utf8.count > width, characterCount(text) > width else { return text }
        if width == 1 { return "…" }
        return String(text.prefix(width - 1)) + "…"
    }

    /// `text` (already escaped, one line) broken at spaces into lines of at most `width` columns,
    /// the first starting with `first`, the rest with `rest`; words longer than a line are split.
    public static func wrap(_ text: String, width: Int?, first: String, rest: String) -> [String] {
        guard let width, characterCount(first) + characterCount(text) > width else { return [first + text] }
        // Counts add up in plain ASCII; elsewhere a combining mark may join the character before it,
        // so the line is counted again.
        let simple = isSimpleASCII(text) && isSimpleASCII(first) && isSimpleASCII(rest)
        var lines: [String] = []
        var line = first
        var lineCount = characterCount(first)
        let restCount = characterCount(rest)
        func extend(_ piece: Substring, _ count: Int) {
            line += piece
            lineCount = simple ? lineCount + count : line.count
        }
        var empty = true
        for part in text.split(separator: " ") {
            var word = Substring(part)
            if !empty && lineCount + 1 + word.count > width { lines.append(line); line = rest; lineCount = restCount; empty = true }
            if !empty { extend(" ", 1) }
            // A word longer than a whole line is split where the line ends.
            while lineCount + word.count > width && width > lineCount && word.count > width - restCount {
                let room = width - lineCount
                extend(word.prefix(room), room)
                word = word.dropFirst(room)
                lines.append(line)
                line = rest
                lineCount = restCount
            }
            extend(word, word.count)
            empty = false
        }
        lines.append(line)
        return lines
    }

    /// `text` padded with spaces to `width` characters.
    public static func pad(_ text: String, _ width: Int) -> String {
        let count = characterCount(text)
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// Appends `text` padded with spaces to `width` characters.
    public static func appendPadded(_ text: String, _ width: Int, to out: inout TextBuffer) {
        out.append(text)
        out.append(spaces: width - characterCount(text))
    }

    /// The number of characters of `text`, counted from its bytes when it is ASCII without `\r`.
    public static func characterCount(_ text: String) -> Int {
        isSimpleASCII(text) ? text.utf8.count : text.count
    }

    /// True when every byte is ASCII and none is `\r` (so each byte is one character).
    static func isSimpleASCII(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            for b in bytes where b >= 0x80 || b == 0x0D { return false }
            return true
        }
    }
}
