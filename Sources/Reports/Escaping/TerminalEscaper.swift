import Risk

/// Escaping for a terminal: no byte a terminal could act on ever comes from a server string.
public enum TerminalEscaper {
    /// One line of display text: controls as `\u{1B}`, invisible characters as `<U+202E>`, `\n` as `⏎`.
    public static func line(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        VisibleText.make(text, lines: .single, limit: limit)
    }

    /// Several lines of display text, each following line indented by `indent`.
    public static func block(_ text: String, indent: String, limit: Int? = VisibleText.defaultLimit) -> String {
        VisibleText.make(text, lines: .multiple, limit: limit)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n" + indent)
    }

    /// `text` (already escaped) cut to `width` characters with `…`; nil or a roomy width keeps it whole.
    public static func fit(_ text: String, width: Int?) -> String {
        guard let width, width > 0, text.count > width else { return text }
        if width == 1 { return "…" }
        return String(text.prefix(width - 1)) + "…"
    }

    /// `text` (already escaped, one line) broken at spaces into lines of at most `width` columns,
    /// the first starting with `first`, the rest with `rest`; words longer than a line are split.
    public static func wrap(_ text: String, width: Int?, first: String, rest: String) -> [String] {
        guard let width, first.count + text.count > width else { return [first + text] }
        var lines: [String] = []
        var line = first
        var empty = true
        for part in text.split(separator: " ") {
            var word = Substring(part)
            if !empty && line.count + 1 + word.count > width { lines.append(line); line = rest; empty = true }
            if !empty { line += " " }
            // A word longer than a whole line is split where the line ends.
            while line.count + word.count > width && width > line.count && word.count > width - rest.count {
                let room = width - line.count
                line += word.prefix(room)
                word = word.dropFirst(room)
                lines.append(line)
                line = rest
            }
            line += word
            empty = false
        }
        lines.append(line)
        return lines
    }

    /// `text` padded with spaces to `width` characters.
    public static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// ANSI SGR styling, applied only when colour is on; never applied to unescaped server text.
struct TerminalStyle {
    /// Whether to emit SGR sequences at all.
    var color: Bool

    func apply(_ codes: String, _ text: String) -> String { color ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { apply("1", text) }
    func dim(_ text: String) -> String { apply("2", text) }

    /// Colour for a severity: critical bold red, high red, medium yellow, low green.
    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .critical: apply("1;31", text)
        case .high: apply("31", text)
        case .medium: apply("33", text)
        case .low: apply("32", text)
        }
    }

    /// Colour for a server status: complete green, partial yellow, failed bold red.
    func status(_ status: ServerReport.Status, _ text: String) -> String {
        switch status {
        case .complete: apply("32", text)
        case .partial: apply("1;33", text)
        case .failed: apply("1;31", text)
        }
    }
}
