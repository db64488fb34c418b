/// Escaping for Markdown (CommonMark and GitHub's dialect): server text can neither break a table
/// nor become a link, emphasis, code, math or HTML.
public enum MarkdownEscaper {
    /// Inline text, safe in a paragraph, list item or table cell.
    public static func inline(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        let visible = VisibleText.make(text, lines: .single, limit: limit)
        var out = ""
        out.reserveCapacity(visible.utf8.count)
        var previous: Character?
        for c in visible {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$", "#":
                // `(`, `)` and `!` only matter next to `[` `]`, which are escaped; `$` stops GitHub math.
                out += "\\"; out.append(c)
            case "/" where previous == ":":
                // Breaks GitHub's extended autolinks (`http://…`) without changing the text shown.
                out += "\\/"
            default: out.append(c)
            }
            previous = c
        }
        return out
    }

    /// A fenced code block holding `text` verbatim (controls spelled out), with a backtick fence
    /// longer than any backtick run inside so nothing can close it early.
    public static func codeBlock(_ text: String, info: String = "", limit: Int? = nil) -> String {
        let visible = VisibleText.make(text, lines: .multiple, limit: limit)
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(visible) + 1))
        let body = visible.hasSuffix("\n") ? String(visible.dropLast()) : visible
        return fence + info + "\n" + body + "\n" + fence
    }

    /// The longest run of consecutive backticks in `text`.
    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for c in text {
            if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return longest
    }
}
