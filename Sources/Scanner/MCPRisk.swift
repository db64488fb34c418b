import MCPClient

/// Facts about this build of mcprisk.
public enum MCPRisk {
    /// The version, reported by `--version`, in reports and in catalogue snapshots (defined once, in
    /// `ClientIdentity`, because the client sends it to servers too).
    public static let version = ClientIdentity.version
}
