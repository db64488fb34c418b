import JSON

/// A cursor over the bytes of a TOML text that knows its line: reads keys and values (strings, arrays
/// and inline tables over as many lines as they take, numbers, booleans). Nesting is bounded by
/// `CodexTOML.maxDepth`, so no input can exhaust the stack; each byte is looked at a bounded number of times.
struct TOMLCursor {
    let bytes: [UInt8]
    let path: String
    var pos = 0
    /// The 1-based line of `pos`.
    var line: Int

    init(bytes: [UInt8], path: String, line: Int = 1) {
        self.bytes = bytes
        self.path = path
        self.line = line
    }

    var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    func fail(_ what: String) -> ConfigProblem { ConfigProblem("\(path):\(line): \(what)") }

    /// Skips spaces, tabs and carriage returns on the current line.
    mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0D { pos += 1 }
    }

    /// Skips to the start of the next line.
    mutating func skipRestOfLine() {
        while let c = peek {
            pos += 1
            if c == 0x0A { line += 1; return }
        }
    }

    /// The rest of the current line as text (without its newline), moving to the next line.
    mutating func restOfLine() -> String {
        let start = pos
        while let c = peek, c != 0x0A { pos += 1 }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        skipRestOfLine()
        return text
    }

    /// Skips blanks, newlines and comments between the items of an array or inline table.
    mutating func skipSpaceAndComments() {
        while let c = peek {
            switch c {
            case 0x20, 0x09, 0x0D: pos += 1
            case 0x0A: pos += 1; line += 1
            case UInt8(ascii: "#"): while let d = peek, d != 0x0A { pos += 1 }
            default: return
            }
        }
    }

    /// After a value: only blanks and a comment may follow on its line.
    mutating func expectLineEnd() throws(ConfigProblem) {
        skipSpace()
        guard let c = peek else { return }
        guard c == 0x0A || c == UInt8(ascii: "#") else { throw fail("unexpected \(Self.describe(c)) after the value") }
        skipRestOfLine()
    }

    /// `key =` of an assignment in `[mcp_servers.<table>]`: the key's parts joined with dots.
    mutating func assignmentKey(table: String) throws(ConfigProblem) -> String {
        let start = pos
        let keys = try keyPath()
        skipSpace()
        guard peek == UInt8(ascii: "=") else { throw fail("expected 'key = value' in [mcp_servers.\(table)]") }
        guard !keys.isEmpty, !keys.contains(where: \.isEmpty) else {
            throw fail("invalid key '\(String(decoding: bytes[start..<pos], as: UTF8.self))'")
        }
        pos += 1
        return keys.joined(separator: ".")
    }

    /// A dotted key: bare or quoted parts separated by `.`; stops at anything else.
    mutating func keyPath() throws(ConfigProblem) -> [String] {
        var keys: [String] = []
        while true {
            skipSpace()
            guard let c = peek else { break }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                keys.append(try quoted())
            } else {
                keys.append(bareKey())
            }
            skipSpace()
            if peek == UInt8(ascii: ".") { pos += 1 } else { break }
        }
        return keys
    }

    /// Letters (any script), digits, `_` and `-`.
    mutating func bareKey() -> String {
        let start = pos
        while let c = peek {
            if c < 0x80 {
                guard (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                        || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") else { break }
                pos += 1
            } else {
                let (scalar, length) = scalarAt(pos)
                guard let scalar, scalar.properties.isAlphabetic else { break }
                pos += length
            }
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// The scalar whose UTF-8 starts at `i` and its length; nil (length 1) for a byte that starts none.
    func scalarAt(_ i: Int) -> (Unicode.Scalar?, Int) {
        var iterator = bytes[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return (nil, 1) }
        return (scalar, UTF8.width(scalar))
    }

    /// One value; arrays and inline tables may continue over several lines.
    mutating func value(depth: Int) throws(ConfigProblem) -> JSONValue {
        skipSpace()
        guard let c = peek, c != 0x0A, c != UInt8(ascii: "#") else { throw fail("a key has no value") }
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .string(try quoted())
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard depth < CodexTOML.maxDepth else { throw fail("arrays or inline tables nested deeper than \(CodexTOML.maxDepth) levels") }
            pos += 1
            return c == UInt8(ascii: "[") ? try array(depth: depth + 1) : try inlineTable(depth: depth + 1)
        default:
            return try word()
        }
    }

    /// The items of an array, after its `[`; a trailing comma is allowed.
    private mutating func array(depth: Int) throws(ConfigProblem) -> JSONValue {
        var items: [JSONValue] = []
        while true {
            skipSpaceAndComments()
            guard let c = peek else { throw fail("unterminated array") }
            if c == UInt8(ascii: "]") { pos += 1; return .array(items) }
            items.append(try value(depth: depth))
            skipSpaceAndComments()
            if peek == UInt8(ascii: ",") { pos += 1 } else if peek != UInt8(ascii: "]") {
                throw fail(peek == nil ? "unterminated array" : "expected ',' or ']' in an array")
            }
        }
    }

    /// The members of an inline table, after its `{`.
    private mutating func inlineTable(depth: Int) throws(ConfigProblem) -> JSONValue {
        var table = JSONObject()
        while true {
            skipSpaceAndComments()
            guard let c = peek else { throw fail("unterminated inline table") }
            if c == UInt8(ascii: "}") { pos += 1; return .object(table) }
            let key = c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") ? try quoted() : bareKey()
            skipSpace()
            guard !key.isEmpty, peek == UInt8(ascii: "=") else { throw fail("expected 'key = value' in an inline table") }
            pos += 1
            table[key] = try value(depth: depth)
            skipSpaceAndComments()
            if peek == UInt8(ascii: ",") { pos += 1 } else if peek != UInt8(ascii: "}") {
                throw fail(peek == nil ? "unterminated inline table" : "expected ',' or '}' in an inline table")
            }
        }
    }

    /// A bare word: `true`, `false` or a number (decimal, or hex/octal/binary written out in decimal).
    private mutating func word() throws(ConfigProblem) -> JSONValue {
        let start = pos
        while let d = peek, !Self.endsWord(d) { pos += 1 }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
            guard let number = Self.number(text) else { throw fail("unsupported value '\(text)'") }
            return .number(number)
        }
    }

    static func endsWord(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), 0x20, 0x09, 0x0D, 0x0A: true
        default: false
        }
    }

    /// A TOML integer or float as JSON number text, or nil (dates, inf, nan and other forms are not supported).
    static func number(_ word: String) -> String? {
        var text = word.filter { $0 != "_" }
        if text.hasPrefix("+") { text.removeFirst() }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
            return Int(text.dropFirst(2), radix: radix).map(String.init)
        }
        guard !text.isEmpty, (try? JSONValue(parsing: text))?.numberText != nil else { return nil }
        return text
    }

    /// A basic (`"…"`, escapes) or literal (`'…'`) string, single- or multi-line (`"""…"""`, `'''…'''`).
    mutating func quoted() throws(ConfigProblem) -> String {
        let quote = bytes[pos]
        let multiLine = pos + 2 < bytes.count && bytes[pos + 1] == quote && bytes[pos + 2] == quote
        pos += multiLine ? 3 : 1
        if multiLine {
            // A newline right after the opening delimiter is not part of the string.
            if peek == 0x0D, pos + 1 < bytes.count, bytes[pos + 1] == 0x0A { pos += 2; line += 1 } else if peek == 0x0A { pos += 1; line += 1 }
        }
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw fail("unterminated string") }
            if c == quote {
                if !multiLine { pos += 1; break }
                if pos + 2 < bytes.count, bytes[pos + 1] == quote, bytes[pos + 2] == quote {
                    pos += 3
                    // Up to two more quotes right before the closing delimiter belong to the string.
                    var extra = 0
                    while extra < 2, peek == quote { out.append(quote); pos += 1; extra += 1 }
                    break
                }
                out.append(c); pos += 1
                continue
            }
            if c == 0x0A {
                guard multiLine else { throw fail("unterminated string") }
                line += 1
            }
            if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                pos += 1
                try escape(into: &out, multiLine: multiLine)
                continue
            }
            out.append(c); pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One escape after a backslash in a basic string.
    private mutating func escape(into out: inout [UInt8], multiLine: Bool) throws(ConfigProblem) {
        guard let e = peek else { throw fail("unterminated escape") }
        pos += 1
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "u") ? 4 : 8
            guard pos + n <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + n], as: UTF8.self), radix: 16),
                  let u = Unicode.Scalar(v) else { throw fail("invalid \\\(Character(Unicode.Scalar(e))) escape") }
            out.append(contentsOf: String(u).utf8)
            pos += n
        case 0x20, 0x09, 0x0D, 0x0A:
            // A line-ending backslash (multi-line strings only): the newline and the blanks around it are dropped.
            guard multiLine else { throw fail("invalid escape \\\(Self.describe(e))") }
            pos -= 1
            let save = (pos, line)
            skipSpace()
            guard peek == 0x0A else { (pos, line) = save; throw fail("invalid escape \\\(Self.describe(e))") }
            while let d = peek, d == 0x20 || d == 0x09 || d == 0x0D || d == 0x0A { if d == 0x0A { line += 1 }; pos += 1 }
        default: throw fail("invalid escape \\\(Self.describe(e))")
        }
    }

    static func describe(_ c: UInt8) -> String {
        (0x21...0x7E).contains(c) ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
    }
}
