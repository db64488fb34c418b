/// A server named in a client config file, with where it was declared.
public struct ConfiguredServer: Sendable, Hashable {
    /// The server's key in the config (e.g. `github`).
    public var name: String
    /// How to reach it, or why it cannot be reached (an unresolved variable, no command or url).
    public var target: Result<ScanTarget, ConfigProblem>
    /// The config file.
    public var file: String
    /// The 1-based line of the server's entry, when found.
    public var line: Int?

    /// A configured server from its parts.
    public init(name: String, target: Result<ScanTarget, ConfigProblem>, file: String, line: Int?) {
        self.name = name; self.target = target; self.file = file; self.line = line
    }
}

/// Why a config entry cannot be scanned; the rest of the file is still used.
public struct ConfigProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the file, server and field.
    public var message: String
    /// A problem with a message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
