/// Escaping for HTML: server text only ever becomes character data or a quoted attribute value.
public enum HTMLEscaper {
    /// Element text on one line.
    public static func text(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        VisibleText.string(text, lines: .single, limit: limit, syntax: .html)
    }

    /// Appends `text(text, limit:)` to `out`.
    public static func appendText(_ text: String, limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer) {
        VisibleText.write(text, lines: .single, limit: limit, syntax: .html, into: &out)
    }

    /// Appends the concatenation of `pieces` as element text on one line, without building it.
    public static func appendText(pieces: [String], limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer) {
        VisibleText.write(pieces: pieces, lines: .single, limit: limit, syntax: .html, into: &out)
    }

    /// Appends the text `body` writes in pieces as element text on one line, without building it.
    public static func appendText(limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer, _ body: (inout VisiblePieces) -> Void) {
        VisibleText.write(lines: .single, limit: limit, syntax: .html, into: &out, body)
    }

    /// Element text keeping its line breaks (for `pre`).
    public static func block(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        VisibleText.string(text, lines: .multiple, limit: limit, syntax: .html)
    }

    /// Appends `block(text, limit:)` to `out`.
    public static func appendBlock(_ text: String, limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer) {
        VisibleText.write(text, lines: .multiple, limit: limit, syntax: .html, into: &out)
    }

    /// A double-quoted attribute value's content.
    public static func attribute(_ text: String, limit: Int? = 200) -> String {
        VisibleText.string(text, lines: .single, limit: limit, syntax: .html)
    }
}
