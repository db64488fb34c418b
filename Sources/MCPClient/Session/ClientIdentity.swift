/// Who mcprisk says it is: `clientInfo` in `initialize`, and (through `MCPRisk.version`) `--version`,
/// every report and every catalogue snapshot. The one place the version is written.
public enum ClientIdentity {
    /// The product name.
    public static let name = "mcprisk"
    /// The version.
    public static let version = "0.1.0"
}
