/// Escaping for HTML: server text only ever becomes character data or a quoted attribute value.
public enum HTMLEscaper {
    /// Element text on one line.
    public static func text(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        entities(VisibleText.make(text, lines: .single, limit: limit))
    }

    /// Element text keeping its line breaks (for `pre`).
    public static func block(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        entities(VisibleText.make(text, lines: .multiple, limit: limit))
    }

    /// A double-quoted attribute value's content.
    public static func attribute(_ text: String, limit: Int? = 200) -> String {
        entities(VisibleText.make(text, lines: .single, limit: limit))
    }

    /// `&`, `<`, `>`, `"` and `'` as character references; everything else unchanged.
    static func entities(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
