import JSON
import TextOutput

/// YAML scalars as mcprisk writes them: every string double-quoted, everything a reader could
/// misread escaped. Quoting always (rather than only when needed) means no tool name, however
/// hostile (`yes`, `null`, `*anchor`, `key: value`, `# comment`, a newline), can change the
/// meaning of the file.
enum YAMLScalar {
    /// `s` as a double-quoted YAML scalar.
    static func quoted(_ s: String) -> String { YAMLEscaper.quoted(s) }

    /// The inside of a double-quoted scalar: quotes, backslashes, line breaks, control, format
    /// (bidi, zero-width, BOM, tags) and unusual space characters escaped; other text kept.
    static func escapedContent(_ s: String) -> String { YAMLEscaper.content(s) }

    /// A comment line: line breaks, control and invisible characters escaped so a comment never
    /// spans lines or hides text; quotes and backslashes are harmless there and kept.
    static func comment(_ s: String) -> String { YAMLEscaper.comment(s) }

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
}
