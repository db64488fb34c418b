/// What one output language does to the ASCII of visible text: which characters it must escape and
/// how. A table per language, so escaping is one lookup per byte and plain runs are copied whole.
public struct SyntaxEscapes: Sendable {
    /// Action codes per byte.
    static let copy: UInt8 = 0, special: UInt8 = 1, replace: UInt8 = 2, slashAfterColon: UInt8 = 3

    /// Per byte value: copy, leave to `VisibleText` (controls, breaks, non-ASCII), replace, or the
    /// Markdown rule for `/`.
    let action: [UInt8]
    /// The replacement of each ASCII byte whose action is `replace`.
    let replacements: [[UInt8]]
    /// What a kept line break becomes (`\n`, or `\n` plus an indent).
    let newline: [UInt8]

    /// A table replacing the given ASCII characters; `slashAfterColon` backslash-escapes `/` after `:`.
    init(_ escapes: [UInt8: String], slashAfterColon: Bool = false, newline: [UInt8] = [0x0A]) {
        var action = [UInt8](repeating: Self.copy, count: 256)
        for b in 0..<256 where b < 0x20 || b >= 0x7F { action[b] = Self.special }
        var replacements = [[UInt8]](repeating: [], count: 128)
        for (b, text) in escapes {
            action[Int(b)] = Self.replace
            replacements[Int(b)] = Array(text.utf8)
        }
        if slashAfterColon { action[0x2F] = Self.slashAfterColon }
        self.action = action
        self.replacements = replacements
        self.newline = newline
    }

    /// The same table with kept line breaks followed by `indent`.
    func indentingLines(_ indent: String) -> SyntaxEscapes {
        SyntaxEscapes(action: action, replacements: replacements, newline: [0x0A] + Array(indent.utf8))
    }

    private init(action: [UInt8], replacements: [[UInt8]], newline: [UInt8]) {
        self.action = action; self.replacements = replacements; self.newline = newline
    }

    /// Terminal text: no syntax of its own; hazards are spelled out by `VisibleText`.
    public static let none = SyntaxEscapes([:])

    /// HTML character data and quoted attribute values: `&`, `<`, `>`, `"` and `'` as references.
    public static let html = SyntaxEscapes([
        UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;",
        UInt8(ascii: "\""): "&quot;", UInt8(ascii: "'"): "&#39;",
    ])

    /// Markdown (CommonMark and GitHub's dialect) inline text: nothing can open a link, emphasis,
    /// code, math, HTML or a table cell. `(`, `)` and `!` only matter next to `[` `]`, which are
    /// escaped; `$` stops GitHub math; `/` after `:` breaks GitHub's extended autolinks (`http://…`)
    /// without changing the text shown.
    public static let markdown: SyntaxEscapes = {
        var escapes: [UInt8: String] = [UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;"]
        for c in "\\`*_[]|~$#".utf8 { escapes[c] = "\\" + String(UnicodeScalar(c)) }
        return SyntaxEscapes(escapes, slashAfterColon: true)
    }()
}
