/// Facts about this build of mcprisk.
public enum MCPRisk {
    /// The version, reported by `--version`, in reports and in catalogue snapshots.
    public static let version = "0.1.0"
}
