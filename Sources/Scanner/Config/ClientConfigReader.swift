import Foundation
import JSON
import MCPClient

/// Reads MCP client configuration files (Claude Desktop and Code, Cursor, VS Code, Windsurf, Gemini CLI,
/// Zed, Cline, Continue's JSON) and lists the servers they declare (docs/client-configs.md).
public struct ClientConfigReader: Sendable {
    /// Variables for `${VAR}` expansion.
    public var environment: [String: String]

    /// A reader expanding variables from `environment`.
    public init(environment: [String: String]) { self.environment = environment }

    /// The servers in the file at `path`; throws when the file cannot be read or holds no server list.
    public func servers(inFileAt path: String) throws(ConfigProblem) -> [ConfiguredServer] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigProblem("cannot read config file \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigProblem("\(path) is not UTF-8 text") }
        return try servers(inText: text, path: path)
    }

    /// The servers in a config text (JSON or JSONC).
    public func servers(inText text: String, path: String) throws(ConfigProblem) -> [ConfiguredServer] {
        let root: JSONValue
        if path.lowercased().hasSuffix(".toml") {
            root = ["mcp_servers": try CodexTOML.servers(in: text, path: path)]
        } else {
            do {
                root = try JSONParser(limits: JSONLimits(maxBytes: 16 << 20, maxDepth: 64)).parse(JSONC.strip(text)).value
            } catch {
                throw ConfigProblem("\(path): \(error)")
            }
        }
        let table: JSONValue? = root["mcpServers"] ?? root["servers"] ?? root["context_servers"] ?? root["mcp"]?["servers"]
            ?? root["experimental"]?["modelContextProtocolServers"] ?? root["mcp_servers"]
        guard let table, table.objectValue?.isEmpty != true else {
            throw ConfigProblem("\(path) declares no MCP servers (looked for mcpServers, servers, context_servers, mcp.servers, [mcp_servers.*])")
        }
        let lines = LineFinder(text: text)
        var entries: [(String, JSONValue)] = []
        if let object = table.objectValue {
            entries = object.members.map { ($0.key, $0.value) }
        } else if let array = table.arrayValue {  // Continue: a list of entries with `name`
            entries = array.enumerated().map { ($1["name"]?.stringValue ?? "server-\($0 + 1)", $1) }
        }
        return entries.map { name, entry in
            ConfiguredServer(name: name, target: target(of: entry, name: name, path: path), file: path,
                             line: lines.line(ofKey: name))
        }
    }

    func target(of entry: JSONValue, name: String, path: String) -> Result<ScanTarget, ConfigProblem> {
        func expand(_ s: String, _ field: String) throws(ConfigProblem) -> String {
            do { return try VariableExpansion.expand(s, environment: environment) } catch {
                switch error {
                case .unset(let variable): throw ConfigProblem("\(path): server '\(name)' field \(field) uses ${\(variable)}, which is not set")
                case .malformed(let detail): throw ConfigProblem("\(path): server '\(name)' field \(field): \(detail)")
                }
            }
        }
        do throws(ConfigProblem) {
            // Zed's older form nests the command: {"command": {"path", "args", "env"}}.
            let commandValue = entry["command"]?["path"] ?? entry["command"] ?? entry["transport"]?["command"]
            let url = entry["url"] ?? entry["serverUrl"] ?? entry["httpUrl"] ?? entry["transport"]?["url"]
            if let command = commandValue?.stringValue {
                let argsValue = entry["command"]?["args"] ?? entry["args"] ?? entry["transport"]?["args"]
                var args: [String] = []
                for (i, a) in (argsValue?.arrayValue ?? []).enumerated() {
                    guard let s = a.stringValue else { throw ConfigProblem("\(path): server '\(name)' args[\(i)] is not a string") }
                    args.append(try expand(s, "args[\(i)]"))
                }
                var env: [String: String] = [:]
                for m in (entry["command"]?["env"] ?? entry["env"])?.objectValue?.members ?? [] {
                    guard let s = m.value.stringValue else { throw ConfigProblem("\(path): server '\(name)' env.\(m.key) is not a string") }
                    env[m.key] = try expand(s, "env.\(m.key)")
                }
                // Codex `env_vars`: names passed through from the environment of whoever runs the scan.
                for variable in entry["env_vars"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                    if let value = environment[variable] { env[variable] = value }
                }
                return .success(.stdio(StdioCommand(command: try expand(command, "command"), arguments: args, environment: env,
                                                    workingDirectory: try entry["cwd"]?.stringValue.map { s throws(ConfigProblem) in try expand(s, "cwd") })))
            }
            if let urlText = url?.stringValue {
                var headers: [HeaderSpec] = []
                for m in (entry["headers"] ?? entry["requestOptions"]?["headers"] ?? entry["http_headers"])?.objectValue?.members ?? [] {
                    guard let s = m.value.stringValue else { throw ConfigProblem("\(path): server '\(name)' headers.\(m.key) is not a string") }
                    headers.append(.init(name: m.key, value: try expand(s, "headers.\(m.key)")))
                }
                // Codex `env_http_headers`: header name → the variable holding its value.
                for m in entry["env_http_headers"]?.objectValue?.members ?? [] {
                    guard let variable = m.value.stringValue, let value = environment[variable], !value.isEmpty else {
                        throw ConfigProblem("\(path): server '\(name)' env_http_headers.\(m.key) names a variable that is not set")
                    }
                    headers.append(.init(name: m.key, value: value))
                }
                if let envName = entry["bearer_token_env_var"]?.stringValue {
                    guard let token = environment[envName], !token.isEmpty else {
                        throw ConfigProblem("\(path): server '\(name)' bearer_token_env_var names \(envName), which is not set")
                    }
                    do { headers.append(try HeaderSpec.bearer(token)) } catch {
                        throw ConfigProblem("\(path): server '\(name)' bearer_token_env_var \(envName): \(error)")
                    }
                }
                let type = (entry["type"] ?? entry["transport"]?["type"] ?? entry["transportType"])?.stringValue?.lowercased()
                let hint: RemoteEndpoint.TransportHint =
                    switch type {
                    case "sse": .sse
                    case "http", "streamable-http", "streamablehttp": .streamableHTTP
                    default: entry["httpUrl"] != nil ? .streamableHTTP : .auto
                    }
                return .success(.remote(RemoteEndpoint(url: try expand(urlText, "url"), headers: headers, hint: hint)))
            }
            throw ConfigProblem("\(path): server '\(name)' has neither a command nor a url")
        } catch {
            return .failure(error)
        }
    }
}

/// Finds the line on which a config names a server, for report and SARIF locations. The text is read
/// once into three indexes, so a config with many servers costs no more than one with a few.
struct LineFinder {
    /// `[mcp_servers.key]` table headers (Codex TOML), by key.
    private var tableHeaders: [String: Int] = [:]
    /// `"key":` (JSON), by key.
    private var jsonKeys: [String: Int] = [:]
    /// Quoted strings on lines that also hold `"name"` (list entries), by string.
    private var namedEntries: [String: Int] = [:]

    init(text: String) {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = i + 1
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("[mcp_servers."), t.hasSuffix("]") {
                var key = t.dropFirst("[mcp_servers.".count).dropLast()
                if key.count >= 2, let q = key.first, q == "\"" || q == "'", key.last == q { key = key.dropFirst().dropLast() }
                if tableHeaders[String(key)] == nil { tableHeaders[String(key)] = number }
            }
            let strings = Self.quotedStrings(in: line)
            let namesAnEntry = strings.contains { $0.text == "name" }
            for s in strings {
                if s.beforeColon, jsonKeys[s.text] == nil { jsonKeys[s.text] = number }
                if namesAnEntry, namedEntries[s.text] == nil { namedEntries[s.text] = number }
            }
        }
    }

    /// The first line holding a `[mcp_servers.key]` table header (Codex TOML), else `"key"` followed by a
    /// colon (JSON), else `"key"` beside `"name"` (YAML-like lists).
    func line(ofKey key: String) -> Int? { tableHeaders[key] ?? jsonKeys[key] ?? namedEntries[key] }

    /// The text between each pair of double quotes on a line, and whether a colon follows it.
    static func quotedStrings(in line: Substring) -> [(text: String, beforeColon: Bool)] {
        let bytes = Array(line.utf8)
        var out: [(text: String, beforeColon: Bool)] = []
        var i = 0
        while let open = bytes[i...].firstIndex(of: 0x22) {
            guard let close = bytes[(open + 1)...].firstIndex(of: 0x22) else { break }
            var next = close + 1
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            out.append((String(decoding: bytes[(open + 1)..<close], as: UTF8.self), next < bytes.count && bytes[next] == 0x3A))
            i = close + 1
        }
        return out
    }
}
