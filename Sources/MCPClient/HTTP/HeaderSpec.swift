/// One extra HTTP header sent to a remote server, e.g. from `--header 'Authorization: Bearer ${TOKEN}'`.
public struct HeaderSpec: Sendable, Hashable {
    /// The header name as given (a token; compared case-insensitively).
    public var name: String
    /// The value after `${VAR}` expansion. Treated as a secret: never shown in reports or logs.
    public var value: String

    /// A header from its parts (no expansion, no checks).
    public init(name: String, value: String) { self.name = name; self.value = value }

    /// Parses `Name: value`, expanding `${VAR}` and `${VAR:-default}` from `environment` in the value.
    /// Errors never quote the value, which may hold a secret.
    public static func parse(_ text: String, environment: [String: String]) throws(MCPError) -> HeaderSpec {
        guard let colon = text.firstIndex(of: ":") else {
            throw .invalidTarget("header has no ':' between name and value (expected 'Name: value')")
        }
        let name = String(text[..<colon]).trimmingHTTPWhitespace()
        guard !name.isEmpty else { throw .invalidTarget("header has an empty name (expected 'Name: value')") }
        guard name.utf8.allSatisfy(isTokenByte) else {
            throw .invalidTarget("header name '\(name.visibleEscaped(limit: 80))' has characters not allowed in an HTTP header name")
        }
        let raw = String(text[text.index(after: colon)...])
        let value = try expand(raw, environment: environment, context: "header \(name)").trimmingHTTPWhitespace()
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else {
            throw .invalidTarget("header \(name): the value contains a control character (CR, LF or similar)")
        }
        return HeaderSpec(name: name, value: value)
    }

    /// Expands `${VAR}` and `${VAR:-default}` (default when unset or empty); `$` elsewhere is literal.
    /// An unset variable without default is an error naming it; `context` says where it was used.
    public static func expand(_ text: String, environment: [String: String], context: String) throws(MCPError) -> String {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            guard afterDollar < rest.endIndex, rest[afterDollar] == "{" else {
                out += "$"; rest = rest[afterDollar...]; continue
            }
            let bodyStart = rest.index(after: afterDollar)
            guard let close = rest[bodyStart...].firstIndex(of: "}") else {
                throw .invalidTarget("\(context): '${' without a closing '}'")
            }
            let body = rest[bodyStart..<close]
            let variable: Substring
            var fallback: Substring?
            if let sep = body.range(of: ":-") {
                variable = body[..<sep.lowerBound]; fallback = body[sep.upperBound...]
            } else {
                variable = body
            }
            guard isVariableName(variable) else {
                throw .invalidTarget("\(context): '${\(String(variable).visibleEscaped(limit: 60))}' is not a valid variable name")
            }
            if let value = environment[String(variable)], !(fallback != nil && value.isEmpty) {
                out += value
            } else if let fallback {
                out += fallback
            } else {
                throw .invalidTarget("\(context): environment variable \(variable) is not set")
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    private static func isVariableName(_ s: Substring) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || isASCIILetter(first) else { return false }
        return s.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isASCIILetter($0) || (0x30...0x39).contains($0) }
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ b: UInt8) -> Bool {
        if isASCIILetter(b) || (0x30...0x39).contains(b) { return true }
        return "!#$%&'*+-.^_`|~".utf8.contains(b)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingHTTPWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// Control characters, bidi controls and other invisible scalars shown as `\u{…}`, cut at `limit` characters.
    func visibleEscaped(limit: Int) -> String {
        var out = ""
        var count = 0
        for scalar in unicodeScalars {
            if count >= limit { out += "…"; break }
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x200B...0x200F).contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF {
                out += "\\u{" + String(v, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
