import Foundation

/// The well-known places MCP clients keep their config files (docs/client-configs.md).
public enum ConfigDiscovery {
    /// Candidate config paths for `home` and the current project folder `cwd`; only existing files are returned.
    public static func existingConfigFiles(home: String, cwd: String, fileManager: FileManager = .default) -> [String] {
        let candidates = [
            "\(home)/Library/Application Support/Claude/claude_desktop_config.json",
            "\(home)/.config/Claude/claude_desktop_config.json",
            "\(home)/.claude.json",
            "\(cwd)/.mcp.json",
            "\(home)/.cursor/mcp.json",
            "\(cwd)/.cursor/mcp.json",
            "\(cwd)/.vscode/mcp.json",
            "\(home)/.config/Code/User/mcp.json",
            "\(home)/Library/Application Support/Code/User/mcp.json",
            "\(home)/.codeium/windsurf/mcp_config.json",
            "\(home)/.gemini/settings.json",
            "\(cwd)/.gemini/settings.json",
            "\(home)/.config/zed/settings.json",
            "\(cwd)/.zed/settings.json",
            "\(home)/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
            "\(home)/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
            "\(home)/.copilot/mcp-config.json",
            "\(home)/.codex/config.toml",
            "\(cwd)/.codex/config.toml",
        ]
        var seen = Set<String>()
        return candidates.filter { fileManager.fileExists(atPath: $0) && seen.insert($0).inserted }
    }
}
