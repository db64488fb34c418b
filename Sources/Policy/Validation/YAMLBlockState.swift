/// The block-structure half of `YAMLSubsetParser`: walks the lines by indentation.
struct BlockState {
    var lines: [YAMLSubsetParser.Line]
    var index = 0
    let maxDepth: Int

    init(lines: [YAMLSubsetParser.Line], maxDepth: Int) {
        // Blank lines matter only inside block scalars, which read the raw lines themselves.
        self.lines = lines
        self.maxDepth = maxDepth
        skipBlank()
    }

    mutating func skipBlank() { while index < lines.count, lines[index].indent < 0 { index += 1 } }

    private var current: YAMLSubsetParser.Line { lines[index] }

    /// The node starting at the current line.
    mutating func node(depth: Int) throws(YAMLParseError) -> YAMLValue {
        skipBlank()
        guard index < lines.count else { return .null }
        if depth > maxDepth { throw YAMLParseError(line: current.number, message: "nested deeper than \(maxDepth) levels") }
        let line = current
        if Self.isSequenceItem(line.text) { return try sequence(indent: line.indent, depth: depth) }
        if (try Self.splitKey(line.text, line: line.number)) != nil { return try mapping(indent: line.indent, depth: depth) }
        index += 1
        let value = try inline(line.text, line: line, parentIndent: line.indent - 1, depth: depth)
        return value
    }

    static func isSequenceItem(_ text: String) -> Bool { text == "-" || text.hasPrefix("- ") }

    private mutating func sequence(indent: Int, depth: Int) throws(YAMLParseError) -> YAMLValue {
        var items: [YAMLValue] = []
        while true {
            skipBlank()
            guard index < lines.count, current.indent == indent, Self.isSequenceItem(current.text) else { break }
            let line = current
            let rest = line.text.dropFirst().trimmingLeadingSpaces
            if rest.isEmpty {
                index += 1
                skipBlank()
                if index < lines.count, current.indent > indent { items.append(try node(depth: depth + 1)) } else { items.append(.null) }
            } else {
                // `- key: value`: the rest of the line starts a node indented to where it stands.
                let offset = line.text.count - rest.count
                lines[index] = YAMLSubsetParser.Line(number: line.number, indent: indent + offset, text: String(rest), raw: line.raw)
                items.append(try node(depth: depth + 1))
            }
            skipBlank()
            if index < lines.count, current.indent > indent {
                throw YAMLParseError(line: current.number, message: "unexpected indentation")
            }
        }
        return .sequence(items)
    }

    private mutating func mapping(indent: Int, depth: Int) throws(YAMLParseError) -> YAMLValue {
        var entries: [YAMLEntry] = []
        var keys = Set<String>()
        while true {
            skipBlank()
            guard index < lines.count, current.indent == indent else { break }
            let line = current
            guard let (key, rest) = try Self.splitKey(line.text, line: line.number) else {
                throw YAMLParseError(line: line.number, message: "expected \"key: value\"")
            }
            if !keys.insert(key).inserted {
                throw YAMLParseError(line: line.number, message: "mapping key \"\(key)\" already defined")
            }
            index += 1
            let value: YAMLValue
            if rest.isEmpty {
                skipBlank()
                if index < lines.count, current.indent > indent {
                    value = try node(depth: depth + 1)
                } else if index < lines.count, current.indent == indent, Self.isSequenceItem(current.text) {
                    value = try sequence(indent: indent, depth: depth + 1)
                } else {
                    value = .null
                }
            } else {
                value = try inline(rest, line: line, parentIndent: indent, depth: depth + 1)
            }
            entries.append(YAMLEntry(key: key, value: value, line: line.number))
            skipBlank()
            if index < lines.count, current.indent > indent {
                throw YAMLParseError(line: current.number, message: "unexpected indentation (multi-line plain scalars are not supported)")
            }
        }
        return .mapping(entries)
    }

    /// A value written after `key:` or `-` on the same line (the line is already consumed).
    private mutating func inline(_ text: String, line: YAMLSubsetParser.Line, parentIndent: Int, depth: Int) throws(YAMLParseError) -> YAMLValue {
        guard let first = text.unicodeScalars.first else { return .null }
        switch first {
        case "[", "{":
            var source = text
            var balance = FlowBalance()
            // A flow collection may continue on following lines until its brackets close.
            var closed = balance.feed(text)
            while !closed, index < lines.count {
                if lines[index].indent >= 0 {
                    source += " " + lines[index].text
                    closed = balance.feed(" " + lines[index].text)
                }
                index += 1
            }
            var flow = FlowParser(text: source, line: line.number, maxDepth: maxDepth - depth)
            return try flow.parseWhole()
        case "\"", "'":
            let chars = Array(text.unicodeScalars)
            let (value, end) = first == "\""
                ? try YAMLPlainScalar.doubleQuoted(chars, from: 0, line: line.number)
                : try YAMLPlainScalar.singleQuoted(chars, from: 0, line: line.number)
            if end != chars.count { throw YAMLParseError(line: line.number, message: "unexpected text after a quoted string") }
            return .string(value)
        case "|", ">":
            return .string(try blockScalar(header: text, line: line, parentIndent: parentIndent))
        case "&", "*", "!":
            throw YAMLParseError(line: line.number, message: "anchors, aliases and tags are not supported")
        case "%", "@", "`":
            throw YAMLParseError(line: line.number, message: "a plain scalar cannot start with \"\(first)\"")
        default:
            if text.hasPrefix("? ") { throw YAMLParseError(line: line.number, message: "complex keys are not supported") }
            return YAMLPlainScalar.resolve(text)
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar: the following lines indented past the parent.
    private mutating func blockScalar(header: String, line: YAMLSubsetParser.Line, parentIndent: Int) throws(YAMLParseError) -> String {
        let indicators = header.dropFirst()
        guard indicators.allSatisfy({ $0 == "-" || $0 == "+" || $0.isASCIIDigit }), indicators.count <= 2 else {
            throw YAMLParseError(line: line.number, message: "invalid block scalar header \"\(header)\"")
        }
        var content: [String] = []
        var blockIndent: Int? = nil
        while index < lines.count {
            let l = lines[index]
            let rawIndent = l.raw.prefix { $0 == " " }.count
            let blank = l.raw.allSatisfy { $0 == " " }
            if !blank, rawIndent <= parentIndent { break }
            if !blank, blockIndent == nil { blockIndent = rawIndent }
            if !blank, let b = blockIndent, rawIndent < b {
                throw YAMLParseError(line: l.number, message: "block scalar line is less indented than the first")
            }
            content.append(blank ? "" : String(l.raw.dropFirst(blockIndent ?? 0)))
            index += 1
        }
        while content.last == "" { content.removeLast() }
        let body = header.hasPrefix("|") ? content.joined(separator: "\n") : content.joined(separator: " ")
        if indicators.contains("-") || body.isEmpty { return body }
        return body + "\n"
    }

    /// Splits `key: rest` (quoted or plain key); nil when the line is not a mapping entry.
    static func splitKey(_ text: String, line: Int) throws(YAMLParseError) -> (String, String)? {
        let chars = Array(text.unicodeScalars)
        guard let first = chars.first else { return nil }
        if first == "\"" || first == "'" {
            let (key, end) = first == "\""
                ? try YAMLPlainScalar.doubleQuoted(chars, from: 0, line: line)
                : try YAMLPlainScalar.singleQuoted(chars, from: 0, line: line)
            var i = end
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count, chars[i] == ":", i + 1 == chars.count || chars[i + 1] == " " else { return nil }
            return (key, String(String.UnicodeScalarView(chars[(i + 1)...])).trimmingCharacters(inSpaces: ()))
        }
        if ["[", "{", "-", "?", "&", "*", "!", "|", ">"].contains(first), !(first == "-" && chars.count > 1 && chars[1] != " ") {
            return nil
        }
        for i in chars.indices where chars[i] == ":" && (i + 1 == chars.count || chars[i + 1] == " ") {
            let key = String(String.UnicodeScalarView(chars[..<i]))
            let rest = String(String.UnicodeScalarView(chars[(i + 1)...]))
            return (key.trimmingCharacters(inSpaces: ()), rest.trimmingCharacters(inSpaces: ()))
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces (only U+0020, as YAML separates with it).
    func trimmingCharacters(inSpaces: ()) -> String {
        let u = unicodeScalars
        guard let start = u.firstIndex(where: { $0 != " " }), let end = u.lastIndex(where: { $0 != " " }) else { return "" }
        return String(u[start...end])
    }
}
