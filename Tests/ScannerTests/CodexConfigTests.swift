import Foundation
import JSON
import Testing
import TestSupport
@testable import Scanner

/// Codex keeps its MCP servers in TOML: `[mcp_servers.NAME]` tables.
struct CodexConfigTests {
    let reader = ClientConfigReader(environment: ["FIGMA_TOKEN": "tok-123", "PASS_ME": "through", "TEAM": "ops"])

    static let config = #"""
        model = "gpt-5"   # not ours
        [profiles.fast]
        model = "x"

        [mcp_servers.docs]
        command = "npx"
        args = [
          "-y",
          "mcp-server",   # trailing comment
        ]
        env = { "API_KEY" = "value", MODE = 'literal \n' }
        env_vars = ["PASS_ME", "UNSET_ONE"]
        startup_timeout_sec = 10
        enabled = true

        [mcp_servers.figma]
        url = "https://mcp.figma.example/mcp"
        bearer_token_env_var = "FIGMA_TOKEN"

        [mcp_servers."odd name"]
        command = "/opt/srv"

        [mcp_servers."odd name".env]
        TEAM_NAME = "${TEAM}"

        [mcp_servers.headers]
        url = "https://h.example/mcp"
        http_headers = { "X-Static" = "1" }
        env_http_headers = { "X-Api-Key" = "FIGMA_TOKEN" }
        """#

    @Test func readsServersOfEveryShapeWithLines() throws {
        let servers = try reader.servers(inText: Self.config, path: "config.toml")
        #expect(servers.map(\.name) == ["docs", "figma", "odd name", "headers"])
        #expect(servers.map(\.line) == [5, 16, 20, 26])
        #expect(try servers[0].target.get() == .stdio(StdioCommand(command: "npx", arguments: ["-y", "mcp-server"],
                                                                   environment: ["API_KEY": "value", "MODE": "literal \\n", "PASS_ME": "through"])))
        #expect(try servers[1].target.get() == .remote(RemoteEndpoint(url: "https://mcp.figma.example/mcp", headers: [.init(name: "Authorization", value: "Bearer tok-123")])))
        #expect(try servers[2].target.get() == .stdio(StdioCommand(command: "/opt/srv", environment: ["TEAM_NAME": "ops"])))
        #expect(try servers[3].target.get() == .remote(RemoteEndpoint(url: "https://h.example/mcp",
                                                                      headers: [.init(name: "X-Static", value: "1"), .init(name: "X-Api-Key", value: "tok-123")])))
    }

    @Test func badTOMLNamesTheLine() {
        #expect(throws: ConfigProblem("c.toml:2: unterminated string")) {
            try reader.servers(inText: "[mcp_servers.a]\ncommand = \"npx\n", path: "c.toml")
        }
        #expect(throws: ConfigProblem("c.toml:3: expected 'key = value' in [mcp_servers.a]")) {
            try reader.servers(inText: "[mcp_servers.a]\ncommand = \"x\"\njunk\n", path: "c.toml")
        }
        #expect(throws: ConfigProblem.self) { try reader.servers(inText: "model = \"x\"\n", path: "c.toml") }
    }

    @Test func discoverFindsConfigsUnderHomeAndTheProject() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let project = home.appendingPathComponent("project")
        for dir in [".codex", ".cursor", "project/.vscode"] {
            try FileManager.default.createDirectory(at: home.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try "[mcp_servers.x]\ncommand = \"y\"\n".write(to: home.appendingPathComponent(".codex/config.toml"), atomically: true, encoding: .utf8)
        try #"{"mcpServers": {}}"#.write(to: home.appendingPathComponent(".cursor/mcp.json"), atomically: true, encoding: .utf8)
        try #"{"servers": {}}"#.write(to: project.appendingPathComponent(".vscode/mcp.json"), atomically: true, encoding: .utf8)
        let found = ConfigDiscovery.existingConfigFiles(home: home.path, cwd: project.path)
        #expect(found == [home.appendingPathComponent(".cursor/mcp.json").path, project.appendingPathComponent(".vscode/mcp.json").path,
                          home.appendingPathComponent(".codex/config.toml").path])
    }
}
