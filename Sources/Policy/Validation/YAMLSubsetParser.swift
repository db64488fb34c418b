/// Reads the part of YAML that policy files use: block mappings and sequences (including
/// `- key: value` items), flow sequences and mappings (`[a, "b"]`, `{}`), double- and
/// single-quoted and plain scalars, literal and folded block scalars, comments. Anchors, aliases,
/// tags, complex keys and multi-line quoted or plain scalars are refused with a clear error rather
/// than misread. Duplicate keys are errors, as in gopkg.in/yaml.v3.
public struct YAMLSubsetParser: Sendable {
    /// Largest text accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting accepted (block and flow together).
    public var maxDepth: Int

    /// A parser with the given limits.
    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64) { self.maxBytes = maxBytes; self.maxDepth = maxDepth }

    /// The value of a one-document YAML text (an empty document is `null`).
    public func parse(_ text: String) throws(YAMLParseError) -> YAMLValue {
        if text.utf8.count > maxBytes { throw YAMLParseError(line: 1, message: "document larger than \(maxBytes) bytes") }
        var state = BlockState(lines: try Self.lines(of: text), maxDepth: maxDepth)
        guard !state.lines.isEmpty else { return .null }
        let value = try state.node(depth: 0)
        if state.index < state.lines.count {
            throw YAMLParseError(line: state.lines[state.index].number, message: "unexpected indentation or content")
        }
        return value
    }

    /// One meaningful line: its indentation, its text with any comment removed, and the raw text
    /// (for block scalars).
    struct Line { var number: Int; var indent: Int; var text: String; var raw: String }

    static func lines(of text: String) throws(YAMLParseError) -> [Line] {
        var out: [Line] = []
        var number = 0
        var started = false
        // Split on scalars: as Characters, "\r\n" is one grapheme and slow to compare.
        for rawSub in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var scalars = rawSub
            if scalars.last == "\r" { scalars.removeLast() }
            var raw = String(scalars)
            if number == 1, raw.hasPrefix("\u{FEFF}") { raw.removeFirst() }
            let indent = raw.prefix { $0 == " " }.count
            let body = raw.dropFirst(indent)
            if body.first == "\t" { throw YAMLParseError(line: number, message: "tab used for indentation") }
            let content = stripComment(String(body))
            if content.isEmpty { out.append(Line(number: number, indent: -1, text: "", raw: raw)); continue }
            if !started, indent == 0, content.hasPrefix("%") { continue }   // directive
            if indent == 0, content == "---" || content.hasPrefix("--- ") {
                if started { throw YAMLParseError(line: number, message: "more than one document") }
                started = true
                let rest = content.dropFirst(3).trimmingLeadingSpaces
                if !rest.isEmpty { out.append(Line(number: number, indent: 4, text: String(rest), raw: raw)) }
                continue
            }
            if indent == 0, content == "..." { break }
            started = true
            out.append(Line(number: number, indent: indent, text: content, raw: raw))
        }
        // Blank lines are kept only for block scalars; drop leading and trailing ones.
        return out
    }

    /// `text` without a trailing comment (a `#` at the start or after a space, outside quotes)
    /// and trailing spaces.
    static func stripComment(_ text: String) -> String {
        let chars = Array(text.unicodeScalars)
        var i = 0
        var quote: Unicode.Scalar? = nil
        var previousSignificant: Unicode.Scalar? = nil
        var end = chars.count
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if q == "\"", c == "\\" { i += 2; continue }
                if c == q {
                    if q == "'", i + 1 < chars.count, chars[i + 1] == "'" { i += 2; continue }
                    quote = nil
                }
                i += 1; continue
            }
            if c == "#", i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t" { end = i; break }
            if (c == "\"" || c == "'"), previousSignificant == nil || [":", "-", "[", "{", ","].contains(previousSignificant!) {
                quote = c
            }
            if c != " " { previousSignificant = c }
            i += 1
        }
        var s = String(String.UnicodeScalarView(chars[..<end]))
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}

extension Substring {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
}
