import JSON
import Testing
@testable import Scanner

struct ClientConfigReaderTests {
    let reader = ClientConfigReader(environment: ["TOKEN": "s3cret", "HOME": "/home/me"])

    @Test func readsClaudeStyleStdioAndRemoteEntriesWithLines() throws {
        let text = """
            {
              "mcpServers": {
                "fs": {"command": "npx", "args": ["-y", "@scope/server-filesystem", "${HOME}/Desktop"], "env": {"API_KEY": "${TOKEN}"}},
                "api": {"type": "http", "url": "${BASE:-https://api.example.com}/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"}}
              }
            }
            """
        let servers = try reader.servers(inText: text, path: "claude.json")
        #expect(servers.map(\.name) == ["fs", "api"])
        #expect(servers.map(\.line) == [3, 4])
        let fs = try servers[0].target.get()
        #expect(fs == .stdio(StdioCommand(command: "npx", arguments: ["-y", "@scope/server-filesystem", "/home/me/Desktop"], environment: ["API_KEY": "s3cret"])))
        #expect(!fs.display.contains("s3cret"))
        let api = try servers[1].target.get()
        #expect(api == .remote(RemoteEndpoint(url: "https://api.example.com/mcp", headers: [.init(name: "Authorization", value: "Bearer s3cret")], hint: .streamableHTTP)))
        #expect(api.display == "https://api.example.com/mcp [Authorization: ***]")
    }

    @Test func readsVSCodeJSONCWithCommentsAndTrailingCommas() throws {
        let text = """
            // VS Code workspace servers
            {
              "servers": {
                /* local */ "memory": {"type": "stdio", "command": "uvx", "args": ["mcp-server-memory",],},
                "remote": {"type": "sse", "url": "https://h.example/sse?key=abc"}, // legacy
              },
            }
            """
        let servers = try reader.servers(inText: text, path: "mcp.json")
        #expect(servers.map(\.name) == ["memory", "remote"])
        #expect(try servers[0].target.get() == .stdio(StdioCommand(command: "uvx", arguments: ["mcp-server-memory"])))
        let remote = try servers[1].target.get()
        #expect(remote.display == "https://h.example/sse?key=***")
        if case .remote(let r) = remote { #expect(r.hint == .sse) }
    }

    @Test func remoteTargetsAreShownWithTheTransportsRedaction() {
        // Hosted servers sometimes carry the key in the path; reports must not show it.
        let endpoint = RemoteEndpoint(url: "https://user:pw@h.example/mcp/sk4f9a8b7c6d5e4f3a2b1c0d9e8f/sse?token=abc&page=2")
        #expect(endpoint.display == "https://***@h.example/mcp/***/sse?token=***&page=2")
    }

    @Test func envPrefixAndDefaultsExpandInConfigs() throws {
        let text = #"{"mcpServers": {"a": {"command": "x", "env": {"K": "${env:TOKEN}", "D": "${NOPE:-fallback}"}}}}"#
        #expect(try reader.servers(inText: text, path: "e.json").first?.target.get()
                == .stdio(StdioCommand(command: "x", environment: ["K": "s3cret", "D": "fallback"])))
    }

    @Test func unresolvedVariableFailsOnlyThatServer() throws {
        let text = #"{"mcpServers": {"a": {"command": "x", "env": {"K": "${MISSING}"}}, "b": {"command": "y"}, "c": {}}}"#
        let servers = try reader.servers(inText: text, path: "c.json")
        #expect(servers[0].target == .failure(ConfigProblem("c.json: server 'a' field env.K uses ${MISSING}, which is not set")))
        #expect(try servers[1].target.get() == .stdio(StdioCommand(command: "y")))
        #expect(servers[2].target == .failure(ConfigProblem("c.json: server 'c' has neither a command nor a url")))
    }

    @Test func zedAndContinueShapes() throws {
        let zed = #"{"context_servers": {"local": {"command": {"path": "some-command", "args": ["a"], "env": {}}, "settings": {}}}}"#
        #expect(try reader.servers(inText: zed, path: "z").first?.target.get() == .stdio(StdioCommand(command: "some-command", arguments: ["a"])))
        let cont = #"{"mcpServers": [{"name": "Remote", "type": "streamable-http", "url": "https://x.example/mcp"}]}"#
        let s = try reader.servers(inText: cont, path: "c")
        #expect(s.first?.name == "Remote")
        #expect(try s.first?.target.get() == .remote(RemoteEndpoint(url: "https://x.example/mcp", hint: .streamableHTTP)))
    }

    @Test func explainsFilesWithoutServersAndBadJSON() {
        #expect(throws: ConfigProblem("x.json declares no MCP servers (looked for mcpServers, servers, context_servers, mcp.servers, [mcp_servers.*])")) {
            try reader.servers(inText: #"{"theme": "dark"}"#, path: "x.json")
        }
        #expect(throws: ConfigProblem.self) { try reader.servers(inText: "{", path: "y.json") }
    }

    @Test func jsoncKeepsStringsAndLineNumbers() {
        let text = "{\"a\": \"// not a comment, /* nor this */\", // c\n\"b\": [1,2,],\n}"
        let stripped = JSONC.strip(text)
        #expect(stripped.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
        #expect(stripped.contains("\"// not a comment, /* nor this */\""))
        #expect((try? JSON.JSONValue(parsing: stripped)) != nil)
    }

    @Test func shellQuotingOfDisplayedCommands() {
        #expect(StdioCommand(command: "python3", arguments: ["-m", "mcp_server_time", "it's here"]).display == "python3 -m mcp_server_time 'it'\\''s here'")
    }
}
