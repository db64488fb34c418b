import JSON

/// Reads the part of a Codex `config.toml` that declares MCP servers: `[mcp_servers.NAME]` tables (and
/// their `.env` / `.http_headers` / `.env_http_headers` sub-tables) with strings, string arrays, inline
/// tables, booleans and numbers. Everything else in the file is skipped. Returns `{"NAME": {...}}`.
///
/// One pass over the bytes: a value that spans lines is read where it stands (never re-joined and
/// rescanned), nesting is bounded by `maxDepth`, and every error names the line it happened on.
enum CodexTOML {
    /// Arrays and inline tables nested deeper than this are refused.
    static let maxDepth = 64
    /// The largest config accepted, as for JSON configs.
    static let maxBytes = 16 << 20

    /// The `mcp_servers` tables of `text` as JSON, in file order.
    static func servers(in text: String, path: String) throws(ConfigProblem) -> JSONValue {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            throw ConfigProblem("\(path): a config of \(bytes.count) bytes exceeds the limit of \(maxBytes) bytes")
        }
        var cursor = TOMLCursor(bytes: bytes, path: path)
        var servers = ServerTables()
        var current: (server: String, sub: String?)?
        while true {
            cursor.skipSpace()
            guard let c = cursor.peek else { break }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "#") { cursor.skipRestOfLine(); continue }
            if c == UInt8(ascii: "[") {
                let number = cursor.line
                let line = withoutComment(cursor.restOfLine()).trimmingSpace
                guard !line.hasPrefix("[["), let header = tableHeader(line) else { current = nil; continue }
                let keys = try keyPath(header, path: path, line: number)
                guard keys.first == "mcp_servers", keys.count >= 2 else { current = nil; continue }
                current = (keys[1], keys.count > 2 ? keys[2...].joined(separator: ".") : nil)
                servers.open(keys[1])
                continue
            }
            guard let (server, sub) = current else { cursor.skipRestOfLine(); continue }
            let key = try cursor.assignmentKey(table: server)
            let value = try cursor.value(depth: 0)
            try cursor.expectLineEnd()
            servers.set(key, value, server: server, sub: sub)
        }
        return .object(servers.object)
    }

    static func tableHeader(_ line: String) -> String? {
        guard let close = line.lastIndex(of: "]") else { return nil }
        return String(line[line.index(after: line.startIndex)..<close]).trimmingSpace
    }

    /// `a."b.c".d` → ["a", "b.c", "d"].
    static func keyPath(_ text: String, path: String, line: Int) throws(ConfigProblem) -> [String] {
        var cursor = TOMLCursor(bytes: Array(text.utf8), path: path, line: line)
        let keys = try cursor.keyPath()
        guard !keys.isEmpty, !keys.contains(where: \.isEmpty) else { throw ConfigProblem("\(path):\(line): invalid key '\(text)'") }
        return keys
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
}

/// The servers read so far, in file order, changed in place: a server's table is taken out of the
/// outer object while it changes, so each assignment costs the same however many came before it.
struct ServerTables {
    var object = JSONObject()

    /// Starts the table of `server` unless it already has one.
    mutating func open(_ server: String) {
        if object[server] == nil { object[server] = .object(JSONObject()) }
    }

    /// Sets `key` in the table of `server`, or in its sub-table `sub`.
    mutating func set(_ key: String, _ value: JSONValue, server: String, sub: String?) {
        guard case .object(var table)? = object[server] else { return }
        object[server] = .null
        if let sub {
            var inner = table[sub]?.objectValue ?? JSONObject()
            table[sub] = .null
            inner[key] = value
            table[sub] = .object(inner)
        } else {
            table[key] = value
        }
        object[server] = .object(table)
    }
}

extension String {
    fileprivate var trimmingSpace: String {
        String(self.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
