/// Escaping for Markdown (CommonMark and GitHub's dialect): server text can neither break a table
/// nor become a link, emphasis, code, math or HTML. The one Markdown escaper: reports and the
/// catalogue's change and statistics pages both write through it.
public enum MarkdownEscaper {
    /// Inline text, safe in a paragraph, list item or table cell.
    public static func inline(_ text: String, limit: Int? = VisibleText.defaultLimit) -> String {
        VisibleText.string(text, lines: .single, limit: limit, syntax: .markdown)
    }

    /// Appends `inline(text, limit:)` to `out`.
    public static func appendInline(_ text: String, limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer) {
        VisibleText.write(text, lines: .single, limit: limit, syntax: .markdown, into: &out)
    }

    /// Appends the concatenation of `pieces` as inline text, without building it.
    public static func appendInline(pieces: [String], limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer) {
        VisibleText.write(pieces: pieces, lines: .single, limit: limit, syntax: .markdown, into: &out)
    }

    /// Appends the text `body` writes in pieces as inline text, without building it.
    public static func appendInline(limit: Int? = VisibleText.defaultLimit, to out: inout TextBuffer, _ body: (inout VisiblePieces) -> Void) {
        VisibleText.write(lines: .single, limit: limit, syntax: .markdown, into: &out, body)
    }

    /// A fenced code block holding `text` verbatim (controls spelled out), with a backtick fence
    /// longer than any backtick run inside so nothing can close it early.
    public static func codeBlock(_ text: String, info: String = "", limit: Int? = nil) -> String {
        var out = TextBuffer(capacity: text.utf8.count + 16)
        appendCodeBlock(text, info: info, limit: limit, to: &out)
        return out.text
    }

    /// Appends `codeBlock(text, info:, limit:)` to `out`.
    public static func appendCodeBlock(_ text: String, info: String = "", limit: Int? = nil, to out: inout TextBuffer) {
        // Spelled-out characters hold no backticks, so the longest run in what is kept decides.
        let fence = max(3, longestBacktickRun(text, limit: limit) + 1)
        out.bytes.append(contentsOf: repeatElement(UInt8(ascii: "`"), count: fence))
        out.append(info)
        out.append(byte: 0x0A)
        let start = out.count
        VisibleText.write(text, lines: .multiple, limit: limit, syntax: .none, into: &out)
        if out.count > start && out.last == 0x0A { out.removeLast() }
        out.append(byte: 0x0A)
        out.bytes.append(contentsOf: repeatElement(UInt8(ascii: "`"), count: fence))
    }

    /// The longest run of consecutive backticks in the first `limit` characters of `text`.
    static func longestBacktickRun(_ text: String, limit: Int? = nil) -> Int {
        var longest = 0, run = 0, scalars = 0
        for b in text.utf8 {
            if b & 0xC0 != 0x80 {
                if let limit, scalars >= limit { break }
                scalars += 1
            }
            if b == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return longest
    }
}
