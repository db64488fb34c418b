/// The places secrets live, which a sandboxed server must not see. Paths that do not exist on this
/// machine are left alone (there is nothing to hide, and a mount needs something to cover).
enum SecretPlaces {
    /// Under the user's home: keys and credentials, shell and REPL histories, browser profiles, and
    /// MCP client configs (which hold other servers' tokens). `.config` covers the XDG configs of
    /// gh, gcloud, Chromium and Chrome, VS Code, Cline, Zed and Claude Desktop.
    static let underHome = [
        ".ssh", ".aws", ".gnupg", ".kube", ".docker", ".config", ".netrc", ".npmrc", ".pypirc",
        ".git-credentials", ".azure", ".terraform.d", ".vault-token", ".pgpass", ".my.cnf", ".password-store",
        ".local/share/keyrings", ".cargo/credentials", ".cargo/credentials.toml", ".m2/settings.xml",
        ".gradle/gradle.properties", ".bash_history", ".zsh_history", ".python_history", ".node_repl_history",
        ".psql_history", ".mysql_history",
        ".mozilla", "snap/firefox", "snap/chromium", ".var/app", "Library",
        ".claude.json", ".claude", ".cursor", ".codeium", ".gemini", ".codex", ".continue", ".copilot", ".vscode",
        ".vscode-server",
    ]

    /// Under a project folder (the server's working directory and ours): MCP client configs and
    /// dotenv files.
    static let underProject = [
        ".mcp.json", ".cursor", ".vscode", ".gemini", ".zed", ".codex", ".continue", ".env", ".env.local",
    ]

    /// Sockets that hand out more than a file read would (the Docker daemon is root on the host; the
    /// session bus, keyrings, agents and the X server act as the user), hidden even with `--allow-home`.
    static func sockets(uid: UInt32, sshAuthSock: String?) -> [String] {
        ["/run/user/\(uid)", "/var/run/docker.sock", "/run/docker.sock", "/run/containerd", "/run/podman",
         "/var/run/libvirt", "/tmp/.X11-unix"] + (sshAuthSock.map { [$0] } ?? [])
    }
}
