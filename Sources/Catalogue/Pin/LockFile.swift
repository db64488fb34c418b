import JSON
import Risk

/// One pinned tool: its name, category, `ToolHash` (definition without the name), and the definition
/// itself, so `verify` can say what changed and re-run the rules on both versions.
public struct LockedTool: Sendable, Hashable, Comparable {
    /// The tool's name.
    public var name: String
    /// Its category when pinned.
    public var category: Category
    /// `ToolHash.sha256(of:)` of its definition.
    public var sha256: String
    /// The tool object as listed (nil in version 1 lock files, which kept only the hash).
    public var definition: JSONValue?

    /// A pinned tool from its parts.
    public init(name: String, category: Category, sha256: String, definition: JSONValue? = nil) {
        self.name = name; self.category = category; self.sha256 = sha256; self.definition = definition
    }

    /// The tools of one scan: each listed tool with its assessed category (first of a repeated name).
    public static func tools(definitions tools: [JSONValue], assessment: ServerAssessment) -> [LockedTool] {
        var categories: [String: Category] = [:]
        for t in assessment.tools where categories[t.name] == nil { categories[t.name] = t.category }
        var firsts: [String: JSONValue] = [:]
        for t in tools { if let n = t["name"]?.stringValue, firsts[n] == nil { firsts[n] = t } }
        return ToolHash.hashes(of: tools).compactMap { name, hash in
            categories[name].map { LockedTool(name: name, category: $0, sha256: hash, definition: firsts[name]) }
        }.sorted()
    }

    /// Two pins are the same when name, category and hash are: the hash stands for the definition,
    /// so a version 1 pin (no definition kept) equals its version 2 form.
    public static func == (a: LockedTool, b: LockedTool) -> Bool { a.name == b.name && a.category == b.category && a.sha256 == b.sha256 }
    public func hash(into hasher: inout Hasher) { hasher.combine(name); hasher.combine(category); hasher.combine(sha256) }

    public static func < (a: LockedTool, b: LockedTool) -> Bool { a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
}

/// The pin file (`mcprisk.lock`): a small, sorted, tab-separated text file meant to be committed, so
/// `mcprisk verify` in CI catches a server that silently changed its tools.
///
/// ```
/// mcprisk-lock	1
/// # comments start with '#'
/// server	NAME	TARGET-WORD…              how to reach it (the words given to `mcprisk lock`)
/// tool	SERVER	TOOL	CATEGORY	SHA256	DEFINITION     one line per tool; DEFINITION is its canonical JSON
/// ```
/// Fields escape `\` `\t` `\n` `\r` and other control characters (`\xHH`). Version 1 files (no
/// DEFINITION field) are still read; `verify` then names changes by hash only.
public struct LockFile: Sendable, Hashable {
    /// The newest format version this mcprisk reads and writes.
    public static let version = 2
    /// The longest definition field read (a tool object's canonical JSON).
    public static let maxDefinitionBytes = 1 << 20

    /// One pinned server.
    public struct Server: Sendable, Hashable {
        /// The server's label (unique in the file).
        public var name: String
        /// The target words that reach it again (a URL, a file, or `--` COMMAND ARGS); never secret values.
        public var target: [String]
        /// Its tools, sorted by name.
        public var tools: [LockedTool]

        /// A pinned server from its parts.
        public init(name: String, target: [String], tools: [LockedTool]) { self.name = name; self.target = target; self.tools = tools.sorted() }
    }

    /// The servers, sorted by name.
    public var servers: [Server]

    /// A lock file of `servers`.
    public init(servers: [Server]) { self.servers = servers.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) } }

    /// The file's text.
    public var text: String {
        var out = "mcprisk-lock\t\(Self.version)\n"
        out += "# Pinned MCP server tools, written by `mcprisk lock`. Commit this file; `mcprisk verify` re-scans and fails on drift.\n"
        out += "# server<TAB>name<TAB>target...  |  tool<TAB>server<TAB>tool<TAB>category<TAB>sha256 (of the definition without its name)<TAB>definition (canonical JSON)\n"
        for s in servers {
            out += (["server", s.name] + s.target).map(Self.escape).joined(separator: "\t") + "\n"
        }
        for s in servers {
            for t in s.tools {
                let fields = ["tool", s.name, t.name, t.category.rawValue, t.sha256] + (t.definition.map { [$0.canonicalText] } ?? [])
                out += fields.map(Self.escape).joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// Parses a lock file; `path` names it in errors.
    public init(text: String, path: String) throws(CatalogueError) {
        // Split on bytes, not Characters: "\r\n" is one Character and would hide the line break.
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self)
        }
        guard let header = lines.first, header.hasPrefix("mcprisk-lock\t") else {
            throw .invalidLockFile(path: path, line: 1, detail: "not an mcprisk lock file (the first line must be \"mcprisk-lock<TAB>\(Self.version)\")")
        }
        guard let version = Int(header.dropFirst("mcprisk-lock\t".count)) else {
            throw .invalidLockFile(path: path, line: 1, detail: "the version must be a number")
        }
        guard version <= Self.version else {
            throw .invalidLockFile(path: path, line: 1, detail: "version \(version) is newer than this mcprisk supports (\(Self.version)); upgrade mcprisk")
        }
        var servers: [String: Server] = [:]
        var order: [String] = []
        var toolLines: [(Int, [String])] = []
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let fields = try line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { (f) throws(CatalogueError) -> String in
                try Self.unescape(String(decoding: f, as: UTF8.self), path: path, line: i + 1)
            }
            switch fields.first {
            case "server":
                guard fields.count >= 2 else { throw .invalidLockFile(path: path, line: i + 1, detail: "a server line needs a name") }
                guard servers[fields[1]] == nil else { throw .invalidLockFile(path: path, line: i + 1, detail: "server \"\(fields[1])\" appears twice") }
                servers[fields[1]] = Server(name: fields[1], target: Array(fields.dropFirst(2)), tools: [])
                order.append(fields[1])
            case "tool":
                toolLines.append((i + 1, fields))
            default:
                throw .invalidLockFile(path: path, line: i + 1, detail: "unknown line kind \"\(fields.first ?? "")\" (expected server or tool)")
            }
        }
        for (line, f) in toolLines {
            guard f.count == 5 || (f.count == 6 && version >= 2) else {
                throw .invalidLockFile(path: path, line: line, detail: "a tool line has 5 fields (tool, server, name, category, sha256) and, from version 2, the definition")
            }
            guard servers[f[1]] != nil else { throw .invalidLockFile(path: path, line: line, detail: "tool of undeclared server \"\(f[1])\"") }
            guard let category = Category(rawValue: f[3]) else { throw .invalidLockFile(path: path, line: line, detail: "unknown category \"\(f[3])\"") }
            guard f[4].count == 64, f[4].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw .invalidLockFile(path: path, line: line, detail: "sha256 must be 64 lowercase hex digits")
            }
            guard !(servers[f[1]]!.tools.contains { $0.name == f[2] }) else {
                throw .invalidLockFile(path: path, line: line, detail: "tool \"\(f[2])\" of \"\(f[1])\" appears twice")
            }
            var definition: JSONValue?
            if f.count == 6 {
                guard f[5].utf8.count <= Self.maxDefinitionBytes, let value = try? JSONParser().parse(f[5]).value, value.objectValue != nil else {
                    throw .invalidLockFile(path: path, line: line, detail: "the definition must be a tool's JSON object (at most \(Self.maxDefinitionBytes) bytes)")
                }
                guard value["name"]?.stringValue == f[2], ToolHash.sha256(of: value) == f[4] else {
                    throw .invalidLockFile(path: path, line: line, detail: "the definition does not match the tool's name and sha256 (edited by hand?)")
                }
                definition = value
            }
            servers[f[1]]!.tools.append(LockedTool(name: f[2], category: category, sha256: f[4], definition: definition))
        }
        self.init(servers: order.map { name in Server(name: name, target: servers[name]!.target, tools: servers[name]!.tools) })
    }

    static func escape(_ field: String) -> String {
        var out = ""
        for u in field.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    static func unescape(_ field: String, path: String, line: Int) throws(CatalogueError) -> String {
        var out = String.UnicodeScalarView()
        var it = field.unicodeScalars.makeIterator()
        while let u = it.next() {
            guard u == "\\" else { out.append(u); continue }
            switch it.next() {
            case "\\": out.append("\\")
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "x":
                guard let a = it.next(), let b = it.next(), let v = UInt32(String(a) + String(b), radix: 16), let s = Unicode.Scalar(v) else {
                    throw .invalidLockFile(path: path, line: line, detail: "bad \\x escape")
                }
                out.append(s)
            default: throw .invalidLockFile(path: path, line: line, detail: "bad escape (use \\\\, \\t, \\n, \\r or \\xHH)")
            }
        }
        return String(out)
    }
}
