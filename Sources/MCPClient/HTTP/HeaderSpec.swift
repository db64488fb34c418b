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

    /// Expands `${VAR}`, `${VAR:-default}` and `${env:VAR}` (see `VariableExpansion`); `context` says
    /// where the text was used, for the error.
    public static func expand(_ text: String, environment: [String: String], context: String) throws(MCPError) -> String {
        do {
            return try VariableExpansion.expand(text, environment: environment)
        } catch {
            switch error {
            case .unset(let name): throw .invalidTarget("\(context): environment variable \(name) is not set")
            case .malformed(let detail): throw .invalidTarget("\(context): \(detail)")
            }
        }
    }

    /// `Authorization: Bearer TOKEN`, refusing a token with spaces or control characters (which could
    /// split the header or smuggle another one).
    public static func bearer(_ token: String) throws(MCPError) -> HeaderSpec {
        if token.isEmpty || token.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
            throw .invalidTarget("the bearer token is empty or contains a space or control character")
        }
        return HeaderSpec(name: "Authorization", value: "Bearer \(token)")
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ b: UInt8) -> Bool {
        if VariableExpansion.isASCIILetter(b) || (0x30...0x39).contains(b) { return true }
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
