/// Escapes server-controlled text for the catalogue's Markdown reports: Markdown and table syntax
/// escaped, line breaks folded, control, invisible and direction-changing characters shown as `U+XXXX`,
/// and the length bounded, so a hostile name or description can neither break a table nor hide text.
enum MarkdownText {
    /// `text` safe for a Markdown paragraph or table cell, cut to `limit` characters.
    static func escape(_ text: String, limit: Int = 300) -> String {
        var out = ""
        var count = 0
        for u in text.unicodeScalars {
            if count >= limit { out += "…"; break }
            count += 1
            switch u {
            case "\n", "\r", "\t": out += " "
            // Text is always inline (never at a line start), so list and heading markers need no escape.
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&", "$":
                out += "\\"; out.unicodeScalars.append(u)
            default:
                if Self.isHidden(u) {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// Controls, bidi controls, zero-width and other invisible characters, and tag characters.
    static func isHidden(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0: return true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFE00...0xFE0F, 0xFFF0...0xFFFB: return true
        case 0xE0000...0xE007F, 0xE0100...0xE01EF: return true
        default: return false
        }
    }
}
