/// What the sandbox around a scanned stdio server lifts. The default lifts nothing: no network, a
/// read-only file system, secret places hidden, a private HOME, TMPDIR and working directory.
public struct SandboxOptions: Sendable, Hashable {
    /// False starts servers directly with the user's own rights (`--no-sandbox`).
    public var enabled: Bool
    /// Keep the machine's network (`--allow-network`); everything else stays in force.
    public var allowNetwork: Bool
    /// Show the real home and every hidden secret place, and give the server the real HOME (`--allow-home`).
    public var allowHome: Bool
    /// Files or directories the server may write in place (`--allow-write PATH`, repeatable).
    public var writablePaths: [String]

    /// Options from their parts; the defaults are the full sandbox.
    public init(enabled: Bool = true, allowNetwork: Bool = false, allowHome: Bool = false, writablePaths: [String] = []) {
        self.enabled = enabled; self.allowNetwork = allowNetwork; self.allowHome = allowHome; self.writablePaths = writablePaths
    }

    /// The full sandbox.
    public static let standard = SandboxOptions()
    /// No sandbox at all.
    public static let none = SandboxOptions(enabled: false)
}
