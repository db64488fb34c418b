import MCPClient

/// How to scan: time limits, isolation, and what to add to each server's environment or requests.
public struct ScanOptions: Sendable {
    /// Seconds allowed per server, from start to the last list.
    public var timeout: Double
    /// Run stdio servers with network access (by default they run in an empty network namespace).
    public var allowNetwork: Bool
    /// Variables added to every stdio server's environment (`--env NAME=value`).
    public var environment: [String: String]
    /// Headers added to every remote request (`--header`), after variable expansion.
    public var headers: [HeaderSpec]
    /// How many servers are scanned at once.
    public var jobs: Int

    /// Options from their parts; the defaults suit an interactive scan.
    public init(timeout: Double = 60, allowNetwork: Bool = false, environment: [String: String] = [:],
                headers: [HeaderSpec] = [], jobs: Int = 4) {
        self.timeout = timeout; self.allowNetwork = allowNetwork; self.environment = environment
        self.headers = headers; self.jobs = max(1, jobs)
    }
}
