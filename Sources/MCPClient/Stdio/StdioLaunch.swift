/// Bounds for one stdio server: message size, bytes kept from stderr, and teardown grace periods.
public struct StdioLimits: Sendable, Hashable {
    /// The longest stdout line (one JSON-RPC message) accepted, in bytes.
    public var maxMessageBytes: Int
    /// The most stdout bytes read over the whole connection before giving up.
    public var maxTotalBytes: Int
    /// How much of the end of stderr is kept for error messages, in bytes.
    public var stderrRingBytes: Int
    /// Messages read but not yet taken by the session before the reader pauses (backpressure).
    public var maxQueuedMessages: Int
    /// How long teardown waits after closing stdin before sending SIGTERM to the process group.
    public var stdinCloseGrace: Double
    /// How long teardown waits after SIGTERM before sending SIGKILL to the process group.
    public var terminateGrace: Double

    /// Limits from explicit values; the defaults suit any real server.
    public init(maxMessageBytes: Int = 16 << 20, maxTotalBytes: Int = 256 << 20, stderrRingBytes: Int = 64 << 10,
                maxQueuedMessages: Int = 256, stdinCloseGrace: Double = 1.0, terminateGrace: Double = 1.0) {
        self.maxMessageBytes = maxMessageBytes
        self.maxTotalBytes = maxTotalBytes
        self.stderrRingBytes = stderrRingBytes
        self.maxQueuedMessages = maxQueuedMessages
        self.stdinCloseGrace = stdinCloseGrace
        self.terminateGrace = terminateGrace
    }

    /// The defaults: 16 MiB messages, 256 MiB in total, 64 KiB of stderr, 1 s + 1 s teardown.
    public static let standard = StdioLimits()
}

/// How to start a stdio MCP server.
public struct StdioLaunch: Sendable, Hashable {
    /// The program: a path, or a bare name looked up in the child's `PATH`.
    public var command: String
    /// Arguments after the program name.
    public var arguments: [String]
    /// Variables set for the child on top of the base environment. Their values count as secrets:
    /// the transport cuts them from everything the server sends back.
    public var environment: [String: String]
    /// Variables that are not secrets, set last (the sandbox's HOME and TMPDIR): never redacted, so
    /// a server's messages that name its home stay readable.
    public var plainEnvironment: [String: String]
    /// When false (the default) the child gets only `HOME, LOGNAME, PATH, SHELL, TERM, USER, LANG`
    /// from our environment, like the MCP SDKs, plus `environment`; when true, all of ours.
    public var inheritEnvironment: Bool
    /// The child's working directory; nil keeps ours.
    public var workingDirectory: String?
    /// Size limits and grace periods.
    public var limits: StdioLimits

    /// A launch description from its parts.
    public init(command: String, arguments: [String] = [], environment: [String: String] = [:],
                plainEnvironment: [String: String] = [:], inheritEnvironment: Bool = false, workingDirectory: String? = nil,
                limits: StdioLimits = .standard) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.plainEnvironment = plainEnvironment
        self.inheritEnvironment = inheritEnvironment
        self.workingDirectory = workingDirectory
        self.limits = limits
    }

    /// The variables passed through from our environment when `inheritEnvironment` is false.
    public static let passedVariables = ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG"]

    /// The child's environment given ours: the pass-through list (or everything), minus shell
    /// function exports, with `environment` on top, then `plainEnvironment`.
    public func childEnvironment(from parent: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in parent where inheritEnvironment || Self.passedVariables.contains(name) {
            if value.hasPrefix("()") { continue }
            result[name] = value
        }
        for (name, value) in environment { result[name] = value }
        for (name, value) in plainEnvironment { result[name] = value }
        return result
    }

    /// The command as shown in reports and errors: program and arguments, never environment values.
    public var displayCommand: String { ([command] + arguments).joined(separator: " ") }
}
