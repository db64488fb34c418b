/// The flow half of `YAMLSubsetParser`: `[a, "b", 1]`, `{key: value}`, nested to a limit.
struct FlowParser {
    private let chars: [Unicode.Scalar]
    private var i = 0
    private let line: Int
    private let maxDepth: Int

    init(text: String, line: Int, maxDepth: Int) {
        chars = Array(text.unicodeScalars); self.line = line; self.maxDepth = max(1, maxDepth)
    }

    /// The one flow value that makes up the whole text.
    mutating func parseWhole() throws(YAMLParseError) -> YAMLValue {
        let value = try parseValue(depth: 0)
        skipSpaces()
        if i != chars.count { throw fail("unexpected text after a flow collection") }
        return value
    }

    private func fail(_ message: String) -> YAMLParseError { YAMLParseError(line: line, message: message) }

    private mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }

    private mutating func parseValue(depth: Int) throws(YAMLParseError) -> YAMLValue {
        if depth > maxDepth { throw fail("flow collection nested too deeply") }
        skipSpaces()
        guard i < chars.count else { throw fail("unexpected end of a flow collection") }
        switch chars[i] {
        case "[":
            i += 1
            var items: [YAMLValue] = []
            while true {
                skipSpaces()
                guard i < chars.count else { throw fail("unclosed [") }
                if chars[i] == "]" { i += 1; return .sequence(items) }
                items.append(try parseValue(depth: depth + 1))
                skipSpaces()
                guard i < chars.count else { throw fail("unclosed [") }
                if chars[i] == "," { i += 1; continue }
                if chars[i] == "]" { i += 1; return .sequence(items) }
                throw fail("expected , or ] in a flow sequence")
            }
        case "{":
            i += 1
            var entries: [YAMLEntry] = []
            var keys = Set<String>()
            while true {
                skipSpaces()
                guard i < chars.count else { throw fail("unclosed {") }
                if chars[i] == "}" { i += 1; return .mapping(entries) }
                let key = try parseKey()
                if !keys.insert(key).inserted { throw fail("mapping key \"\(key)\" already defined") }
                skipSpaces()
                let value: YAMLValue
                if i < chars.count, chars[i] == ":" { i += 1; value = try parseValue(depth: depth + 1) } else { value = .null }
                entries.append(YAMLEntry(key: key, value: value, line: line))
                skipSpaces()
                guard i < chars.count else { throw fail("unclosed {") }
                if chars[i] == "," { i += 1; continue }
                if chars[i] == "}" { i += 1; return .mapping(entries) }
                throw fail("expected , or } in a flow mapping")
            }
        case "\"":
            let (s, end) = try YAMLPlainScalar.doubleQuoted(chars, from: i, line: line)
            i = end
            return .string(s)
        case "'":
            let (s, end) = try YAMLPlainScalar.singleQuoted(chars, from: i, line: line)
            i = end
            return .string(s)
        case "&", "*", "!":
            throw fail("anchors, aliases and tags are not supported")
        default:
            let start = i
            while i < chars.count, ![",", "]", "}", "[", "{"].contains(chars[i]) {
                if chars[i] == ":", i + 1 < chars.count, chars[i + 1] == " " { break }
                i += 1
            }
            let text = String(String.UnicodeScalarView(chars[start..<i])).trimmingCharacters(inSpaces: ())
            if i < chars.count, chars[i] == "[" || chars[i] == "{" { throw fail("unexpected \(chars[i]) inside a plain scalar") }
            return YAMLPlainScalar.resolve(text)
        }
    }

    private mutating func parseKey() throws(YAMLParseError) -> String {
        switch try parseValue(depth: maxDepth) {
        case .string(let s): return s
        case let other: return other.scalarText ?? ""
        }
    }
}

/// Tracks, line by line, whether a flow collection's brackets have closed (outside quotes), so a
/// collection spread over many lines is scanned once.
struct FlowBalance {
    private var depth = 0
    private var quote: Unicode.Scalar? = nil
    private var escaped = false

    /// Feeds more text; true once every bracket is closed (or closed too often to recover).
    mutating func feed(_ text: String) -> Bool {
        for c in text.unicodeScalars {
            if escaped { escaped = false; continue }
            if let q = quote {
                if q == "\"", c == "\\" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" || c == "{" {
                depth += 1
            } else if c == "]" || c == "}" {
                depth -= 1
                if depth <= 0 { return true }
            }
        }
        return depth <= 0 && quote == nil
    }
}
