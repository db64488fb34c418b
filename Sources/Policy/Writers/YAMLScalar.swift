import JSON

/// YAML scalars as mcprisk writes them: every string double-quoted, everything a reader could
/// misread escaped. Quoting always (rather than only when needed) means no tool name, however
/// hostile (`yes`, `null`, `*anchor`, `key: value`, `# comment`, a newline), can change the
/// meaning of the file.
enum YAMLScalar {
    /// `s` as a double-quoted YAML scalar.
    static func quoted(_ s: String) -> String { "\"" + escapedContent(s) + "\"" }

    /// The inside of a double-quoted scalar: quotes, backslashes, line breaks, control, format
    /// (bidi, zero-width, BOM, tags) and unusual space characters escaped; other text kept.
    static func escapedContent(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{1B}": out += "\\e"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out += "\\_"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if needsEscape(scalar) { out += hexEscape(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A comment line: line breaks, control and invisible characters escaped so a comment never
    /// spans lines or hides text; quotes and backslashes are harmless there and kept.
    static func comment(_ s: String) -> String {
        var out = "# "
        for scalar in s.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out.unicodeScalars.append(scalar) } else { out += escapedContent(String(scalar)) }
        }
        return out
    }

    /// A JSON value in YAML flow form: strings quoted, numbers as written, lists in brackets.
    static func flow(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        case .string(let s): quoted(s)
        case .skipped: quoted("[skipped]")
        case .array(let items): "[" + items.map(flow).joined(separator: ", ") + "]"
        case .object(let o): "{" + o.members.map { quoted($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x20 || (0x7F...0x9F).contains(s.value) { return true }
        if s.value < 0x7F { return false }
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .unassigned, .surrogate, .privateUse:
            return true
        default:
            return s.properties.isNoncharacterCodePoint
        }
    }

    private static func hexEscape(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        if s.value <= 0xFF { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        if s.value <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
