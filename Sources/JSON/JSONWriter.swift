/// Writes JSON text. Compact keeps member order (the wire form); canonical sorts keys by their UTF-8
/// bytes so equal values always give equal text (hashes, snapshots and git diffs depend on that).
public struct JSONWriter: Sendable {
    /// How members are ordered.
    public enum KeyOrder: Sendable { case asWritten, sorted }

    /// Member order.
    public var keyOrder: KeyOrder
    /// Indentation per level; nil writes one line.
    public var indent: Int?

    /// A writer with the given layout.
    public init(keyOrder: KeyOrder = .asWritten, indent: Int? = nil) {
        self.keyOrder = keyOrder
        self.indent = indent
    }

    /// One line, members as written: what goes on the wire.
    public static let compact = JSONWriter()
    /// One line, keys sorted: the form that is hashed.
    public static let canonical = JSONWriter(keyOrder: .sorted)
    /// Two-space indentation, keys sorted: the form stored on disk.
    public static let canonicalPretty = JSONWriter(keyOrder: .sorted, indent: 2)
    /// Two-space indentation, members as written: the form people read.
    public static let pretty = JSONWriter(indent: 2)

    /// The text of `value`.
    public func string(_ value: JSONValue) -> String {
        var out = ""
        write(value, level: 0, into: &out)
        return out
    }

    /// The UTF-8 bytes of `value`.
    public func bytes(_ value: JSONValue) -> [UInt8] { Array(string(value).utf8) }

    private func write(_ value: JSONValue, level: Int, into out: inout String) {
        // Iteration depth is bounded by the parser's depth limit, so plain recursion is safe here.
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
        case .skipped(let bytes): JSONWriter.appendQuoted("[mcprisk: subtree of \(bytes) bytes skipped, nested too deeply]", to: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "["
            for (i, e) in elements.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1, &out)
                write(e, level: level + 1, into: &out)
            }
            newline(level, &out)
            out += "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            let members = keyOrder == .sorted
                ? object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                : object.members
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1, &out)
                JSONWriter.appendQuoted(m.key, to: &out)
                out += indent == nil ? ":" : ": "
                write(m.value, level: level + 1, into: &out)
            }
            newline(level, &out)
            out += "}"
        }
    }

    private func newline(_ level: Int, _ out: inout String) {
        guard let indent else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    /// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped;
    /// U+2028/2029 escaped too so the text is also safe inside a script or a line-based log.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// The compact, order-preserving text of this value.
    public var compactText: String { JSONWriter.compact.string(self) }
    /// The canonical text (sorted keys, one line) of this value.
    public var canonicalText: String { JSONWriter.canonical.string(self) }
}
