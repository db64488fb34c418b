/// The policy document formats mcprisk writes.
public enum PolicyFormat: String, Sendable, Hashable, CaseIterable {
    /// PolicyLayer's JSON: `{"version": "1", "default": "deny", "tools": {…}}`.
    case policylayer
    /// policylayer/intercept's YAML.
    case intercept
}

/// How strict a starter policy is.
public enum PolicyProfile: String, Sendable, Hashable, CaseIterable {
    /// Limits reads too, hides destructive and financial tools.
    case strict
    /// Allows reads, rate-limits writes and execution, denies destructive and financial calls.
    case recommended
    /// Allows more, denies only the most dangerous.
    case permissive
}
