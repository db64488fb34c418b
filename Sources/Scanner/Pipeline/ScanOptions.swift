import MCPClient

/// How to scan: time limits, the sandbox, and what to add to each server's environment or requests.
public struct ScanOptions: Sendable {
    /// Seconds allowed per server, from start to the last list.
    public var timeout: Double
    /// What the sandbox around stdio servers lifts (by default nothing: see `SandboxOptions`).
    public var sandbox: SandboxOptions
    /// Variables added to every stdio server's environment (`--env NAME=value`).
    public var environment: [String: String]
    /// Headers added to every remote request (`--header`), after variable expansion.
    public var headers: [HeaderSpec]
    /// How many servers are scanned at once.
    public var jobs: Int
    /// Whether prompt bodies are read (`prompts/get` with placeholder arguments; `--no-prompt-bodies` turns it off).
    public var readPromptBodies: Bool = true

    /// Run stdio servers with network access (the rest of the sandbox stays).
    public var allowNetwork: Bool {
        get { sandbox.allowNetwork }
        set { sandbox.allowNetwork = newValue }
    }

    /// Options from their parts; the defaults suit an interactive scan.
    public init(timeout: Double = 60, allowNetwork: Bool = false, sandbox: SandboxOptions = .standard,
                environment: [String: String] = [:], headers: [HeaderSpec] = [], jobs: Int = 4) {
        self.timeout = timeout; self.sandbox = sandbox; self.environment = environment
        self.headers = headers; self.jobs = max(1, jobs)
        if allowNetwork { self.sandbox.allowNetwork = true }
    }
}
