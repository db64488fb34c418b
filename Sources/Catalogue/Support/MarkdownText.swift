import TextOutput

/// Server-controlled text in the catalogue's Markdown reports, through the one Markdown escaper the
/// scan reports use (`MarkdownEscaper`): syntax escaped, line breaks shown as `⏎`, control,
/// invisible and direction-changing characters spelled out, and the length bounded, so a hostile
/// name or description can neither break a table nor hide text.
enum MarkdownText {
    /// `text` safe for a Markdown paragraph or table cell, cut to `limit` characters.
    static func escape(_ text: String, limit: Int = 300) -> String { MarkdownEscaper.inline(text, limit: limit) }
}
