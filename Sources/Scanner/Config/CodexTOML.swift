import JSON

/// Reads the part of a Codex `config.toml` that declares MCP servers: `[mcp_servers.NAME]` tables (and
/// their `.env` / `.http_headers` / `.env_http_headers` sub-tables) with strings, string arrays, inline
/// tables, booleans and numbers. Everything else in the file is skipped. Returns `{"NAME": {...}}`.
enum CodexTOML {
    /// The `mcp_servers` tables of `text` as JSON, in file order.
    static func servers(in text: String, path: String) throws(ConfigProblem) -> JSONValue {
        var servers = JSONObject()
        var current: (server: String, sub: String?)?
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var number = 0
        while let raw = lines.popFirst() {
            number += 1
            var line = Self.withoutComment(raw).trimmingSpace
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard !line.hasPrefix("[["), let header = Self.tableHeader(line) else { current = nil; continue }
                let keys = try Self.keyPath(header, path: path, line: number)
                guard keys.first == "mcp_servers", keys.count >= 2 else { current = nil; continue }
                current = (keys[1], keys.count > 2 ? keys[2...].joined(separator: ".") : nil)
                if servers[keys[1]] == nil { servers[keys[1]] = .object(JSONObject()) }
                continue
            }
            guard let (server, sub) = current else { continue }
            // A value may continue over several lines (arrays); join until brackets balance.
            while Self.openBrackets(line) > 0, let next = lines.popFirst() {
                number += 1
                line += " " + Self.withoutComment(next).trimmingSpace
            }
            guard let eq = Self.assignment(line) else {
                throw ConfigProblem("\(path):\(number): expected 'key = value' in [mcp_servers.\(server)]")
            }
            let key = try Self.keyPath(String(line[..<eq]).trimmingSpace, path: path, line: number).joined(separator: ".")
            var scanner = Scanner(text: Array(String(line[line.index(after: eq)...]).unicodeScalars))
            let value = try scanner.value(path: path, line: number)
            guard case .object(var table)? = servers[server] else { continue }
            if let sub {
                var inner = table[sub]?.objectValue ?? JSONObject()
                inner[key] = value
                table[sub] = .object(inner)
            } else {
                table[key] = value
            }
            servers[server] = .object(table)
        }
        return .object(servers)
    }

    static func tableHeader(_ line: String) -> String? {
        guard let close = line.lastIndex(of: "]") else { return nil }
        return String(line[line.index(after: line.startIndex)..<close]).trimmingSpace
    }

    /// `a."b.c".d` → ["a", "b.c", "d"].
    static func keyPath(_ text: String, path: String, line: Int) throws(ConfigProblem) -> [String] {
        var keys: [String] = []
        var scanner = Scanner(text: Array(text.unicodeScalars))
        while true {
            scanner.skipSpace()
            guard let c = scanner.peek else { break }
            if c == "\"" || c == "'" {
                guard case .string(let s) = try scanner.value(path: path, line: line) else { break }
                keys.append(s)
            } else {
                keys.append(scanner.bareKey())
            }
            scanner.skipSpace()
            if scanner.peek == "." { scanner.advance() } else { break }
        }
        guard !keys.isEmpty, !keys.contains(where: \.isEmpty) else { throw ConfigProblem("\(path):\(line): invalid key '\(text)'") }
        return keys
    }

    /// The index of the `=` that separates key and value (outside quotes).
    static func assignment(_ line: String) -> String.Index? {
        var quote: Character?
        for i in line.indices {
            let c = line[i]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "=" { return i }
        }
        return nil
    }

    /// The line up to a `#` that is not inside a string.
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        for i in line.indices {
            let c = line[i]
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                return String(line[..<i])
            }
        }
        return line
    }

    /// Unclosed `[` and `{` outside strings (comments are already gone).
    static func openBrackets(_ line: String) -> Int {
        var depth = 0
        var quote: Character?
        var escaped = false
        for c in line {
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
        return depth
    }

    /// A cursor over one value's text.
    struct Scanner {
        let text: [Unicode.Scalar]
        var i = 0
        var peek: Unicode.Scalar? { i < text.count ? text[i] : nil }
        mutating func advance() { i += 1 }
        mutating func skipSpace() { while let c = peek, c == " " || c == "\t" { i += 1 } }
        mutating func bareKey() -> String {
            var s = ""
            while let c = peek, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" { s.unicodeScalars.append(c); i += 1 }
            return s
        }

        mutating func value(path: String, line: Int) throws(ConfigProblem) -> JSONValue {
            skipSpace()
            func fail(_ what: String) -> ConfigProblem { ConfigProblem("\(path):\(line): \(what)") }
            guard let c = peek else { throw fail("a key has no value") }
            switch c {
            case "\"":
                advance()
                var s = ""
                while let d = peek, d != "\"" {
                    advance()
                    guard d == "\\" else { s.unicodeScalars.append(d); continue }
                    guard let e = peek else { throw fail("unterminated escape") }
                    advance()
                    switch e {
                    case "n": s += "\n"
                    case "t": s += "\t"
                    case "r": s += "\r"
                    case "\"": s += "\""
                    case "\\": s += "\\"
                    case "u", "U":
                        let n = e == "u" ? 4 : 8
                        guard i + n <= text.count, let v = UInt32(String(String.UnicodeScalarView(text[i..<i + n])), radix: 16),
                              let u = Unicode.Scalar(v) else { throw fail("invalid \\\(e) escape") }
                        s.unicodeScalars.append(u)
                        i += n
                    default: throw fail("invalid escape \\\(e)")
                    }
                }
                guard peek == "\"" else { throw fail("unterminated string") }
                advance()
                return .string(s)
            case "'":
                advance()
                var s = ""
                while let d = peek, d != "'" { s.unicodeScalars.append(d); advance() }
                guard peek == "'" else { throw fail("unterminated string") }
                advance()
                return .string(s)
            case "[":
                advance()
                var items: [JSONValue] = []
                while true {
                    skipSpace()
                    if peek == "]" { advance(); return .array(items) }
                    items.append(try value(path: path, line: line))
                    skipSpace()
                    if peek == "," { advance() } else if peek != "]" { throw fail("expected ',' or ']' in an array") }
                }
            case "{":
                advance()
                var table = JSONObject()
                while true {
                    skipSpace()
                    if peek == "}" { advance(); return .object(table) }
                    let key: String
                    if peek == "\"" || peek == "'" {
                        guard case .string(let s) = try value(path: path, line: line) else { throw fail("invalid key") }
                        key = s
                    } else {
                        key = bareKey()
                    }
                    skipSpace()
                    guard !key.isEmpty, peek == "=" else { throw fail("expected 'key = value' in an inline table") }
                    advance()
                    table[key] = try value(path: path, line: line)
                    skipSpace()
                    if peek == "," { advance() } else if peek != "}" { throw fail("expected ',' or '}' in an inline table") }
                }
            default:
                var word = ""
                while let d = peek, d != ",", d != "]", d != "}", d != " ", d != "#" { word.unicodeScalars.append(d); advance() }
                switch word {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default:
                    guard Double(word.replacingUnderscores) != nil else { throw fail("unsupported value '\(word)'") }
                    return .number(word.replacingUnderscores)
                }
            }
        }
    }
}

private extension String {
    var trimmingSpace: String {
        String(self.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
    var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
