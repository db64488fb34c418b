import TextOutput

/// Writes JSON text. Compact keeps member order (the wire form); canonical sorts keys by their UTF-8
/// bytes so equal values always give equal text (hashes, snapshots and git diffs depend on that).
/// The text goes straight into one UTF-8 buffer (`JSONOutput`), strings through `JSONEscaper`.
public struct JSONWriter: Sendable {
    /// How members are ordered.
    public enum KeyOrder: Sendable { case asWritten, sorted }

    /// Member order.
    public var keyOrder: KeyOrder
    /// Indentation per level; nil writes one line.
    public var indent: Int?
    /// Escape C1 controls and invisible characters in strings too (the form reports are printed in).
    public var escapingInvisible: Bool

    /// A writer with the given layout.
    public init(keyOrder: KeyOrder = .asWritten, indent: Int? = nil, escapingInvisible: Bool = false) {
        self.keyOrder = keyOrder
        self.indent = indent
        self.escapingInvisible = escapingInvisible
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
    public func string(_ value: JSONValue) -> String { String(decoding: bytes(value), as: UTF8.self) }

    /// The UTF-8 bytes of `value`.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out = JSONOutput(indent: indent, escapingInvisible: escapingInvisible)
        write(value, into: &out)
        return out.buffer.bytes
    }

    /// Writes `value` as the next value of `out` (a member's value, an element, or the document).
    public func write(_ value: JSONValue, into out: inout JSONOutput) {
        // Nesting is bounded by the parser's depth limit, so plain recursion is safe here.
        switch value {
        case .null: out.null()
        case .bool(let b): out.bool(b)
        case .number(let n): out.number(n)
        case .string(let s): out.string(s)
        case .skipped(let bytes): out.string("[mcprisk: subtree of \(bytes) bytes skipped, nested too deeply]")
        case .array(let elements):
            out.beginArray()
            for e in elements { write(e, into: &out) }
            out.endArray()
        case .object(let object):
            out.beginObject()
            if keyOrder == .sorted {
                for m in object.members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    out.key(m.key)
                    write(m.value, into: &out)
                }
            } else {
                for m in object.members {
                    out.key(m.key)
                    write(m.value, into: &out)
                }
            }
            out.endObject()
        }
    }

    /// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped;
    /// U+2028/2029 escaped too so the text is also safe inside a script or a line-based log.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += JSONEscaper.quoted(s)
    }
}

extension JSONValue {
    /// The compact, order-preserving text of this value.
    public var compactText: String { JSONWriter.compact.string(self) }
    /// The canonical text (sorted keys, one line) of this value.
    public var canonicalText: String { JSONWriter.canonical.string(self) }
}
