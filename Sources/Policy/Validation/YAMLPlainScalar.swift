/// Resolution of plain (unquoted) scalars by the YAML 1.2 core schema, and the double-quoted
/// escapes; shared by the block and flow parts of `YAMLSubsetParser`.
enum YAMLPlainScalar {
    /// The typed value of a plain scalar.
    static func resolve(_ text: String) -> YAMLValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return .float(text)
        default: break
        }
        if isInteger(text) { return .int(text) }
        if isFloat(text) { return .float(text) }
        return .string(text)
    }

    private static func isInteger(_ t: String) -> Bool {
        var s = Substring(t)
        if s.hasPrefix("0x") { return s.count > 2 && s.dropFirst(2).allSatisfy(\.isHexDigit) }
        if s.hasPrefix("0o") { return s.count > 2 && s.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        return !s.isEmpty && s.allSatisfy(\.isASCIIDigit)
    }

    private static func isFloat(_ t: String) -> Bool {
        var s = Substring(t)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        var mantissa = s
        var exponent: Substring? = nil
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            var x = s[s.index(after: e)...]
            if x.first == "-" || x.first == "+" { x = x.dropFirst() }
            exponent = x
        }
        if let exponent, exponent.isEmpty || !exponent.allSatisfy(\.isASCIIDigit) { return false }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        if parts.count == 1 { return !parts[0].isEmpty && exponent != nil }
        return !parts[0].isEmpty || !parts[1].isEmpty
    }

    /// Reads a double-quoted scalar starting at `chars[start]` (the opening quote): the text and
    /// the index after the closing quote.
    static func doubleQuoted(_ chars: [Unicode.Scalar], from start: Int, line: Int) throws(YAMLParseError) -> (String, Int) {
        var out = String.UnicodeScalarView()
        var i = start + 1
        while i < chars.count {
            let c = chars[i]
            if c == "\"" { return (String(out), i + 1) }
            if c != "\\" { out.append(c); i += 1; continue }
            guard i + 1 < chars.count else { break }
            let e = chars[i + 1]
            i += 2
            let simple: [Unicode.Scalar: Unicode.Scalar] = [
                "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}", "f": "\u{0C}",
                "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
                "L": "\u{2028}", "P": "\u{2029}",
            ]
            if let s = simple[e] { out.append(s); continue }
            let width = e == "x" ? 2 : e == "u" ? 4 : e == "U" ? 8 : 0
            guard width > 0, i + width <= chars.count,
                  let code = UInt32(String(String.UnicodeScalarView(chars[i..<(i + width)])), radix: 16),
                  let scalar = Unicode.Scalar(code)
            else { throw YAMLParseError(line: line, message: "invalid escape \\\(e) in a double-quoted string") }
            out.append(scalar)
            i += width
        }
        throw YAMLParseError(line: line, message: "unterminated double-quoted string (multi-line quoted strings are not supported)")
    }

    /// Reads a single-quoted scalar (`''` is a quote) starting at `chars[start]`.
    static func singleQuoted(_ chars: [Unicode.Scalar], from start: Int, line: Int) throws(YAMLParseError) -> (String, Int) {
        var out = String.UnicodeScalarView()
        var i = start + 1
        while i < chars.count {
            if chars[i] == "'" {
                if i + 1 < chars.count, chars[i + 1] == "'" { out.append("'"); i += 2; continue }
                return (String(out), i + 1)
            }
            out.append(chars[i]); i += 1
        }
        throw YAMLParseError(line: line, message: "unterminated single-quoted string (multi-line quoted strings are not supported)")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
