import JSON

/// Why talking to a server failed. One case per kind of failure; `kind` is the stable name reports use.
public enum MCPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command could not be started (not found, not executable).
    case spawnFailed(command: String, reason: String)
    /// The server process ended; `step` says what we were doing, `stderrTail` what it last said.
    case serverExited(step: String, status: String, stderrTail: String)
    /// No answer in time.
    case timeout(step: String, seconds: Double, stderrTail: String)
    /// The server answered a request with a JSON-RPC error.
    case serverError(step: String, code: Int, message: String)
    /// The server broke the protocol (wrong shapes, unsupported version, junk where a message must be).
    case protocolViolation(step: String, detail: String)
    /// A limit was exceeded (message size, total bytes, pages, entries).
    case limitExceeded(step: String, detail: String)
    /// The server wants credentials (HTTP 401/403); `detail` carries what WWW-Authenticate said.
    case authenticationRequired(status: Int, detail: String)
    /// The network connection failed (refused, DNS, TLS, reset).
    case connectionFailed(detail: String)
    /// An HTTP answer that is not MCP (status, content type, an excerpt).
    case httpError(status: Int, detail: String)
    /// The target itself is unusable (bad URL, unreadable file, invalid JSON file).
    case invalidTarget(String)

    /// A stable machine name for the failure, used as `error.kind` in reports.
    public var kind: String {
        switch self {
        case .spawnFailed: "spawn-failed"
        case .serverExited: "server-exited"
        case .timeout: "timeout"
        case .serverError: "server-error"
        case .protocolViolation: "protocol-violation"
        case .limitExceeded: "limit-exceeded"
        case .authenticationRequired: "authentication-required"
        case .connectionFailed: "connection-failed"
        case .httpError: "http-error"
        case .invalidTarget: "invalid-target"
        }
    }

    public var description: String {
        func tail(_ s: String) -> String { s.isEmpty ? "" : "; stderr ends with: \(s)" }
        switch self {
        case .spawnFailed(let c, let r): return "could not start \(c): \(r)"
        case .serverExited(let step, let status, let t): return "server exited (\(status)) during \(step)\(tail(t))"
        case .timeout(let step, let s, let t): return "no answer to \(step) within \(s.formatted2) s\(tail(t))"
        case .serverError(let step, let code, let m): return "server answered \(step) with error \(code): \(m)"
        case .protocolViolation(let step, let d): return "protocol violation during \(step): \(d)"
        case .limitExceeded(let step, let d): return "limit exceeded during \(step): \(d)"
        case .authenticationRequired(let status, let d): return "authentication required (HTTP \(status))\(d.isEmpty ? "" : ": \(d)")"
        case .connectionFailed(let d): return "connection failed: \(d)"
        case .httpError(let status, let d): return "HTTP \(status): \(d)"
        case .invalidTarget(let d): return d
        }
    }
}

extension Double {
    /// Seconds with at most two decimals, without Foundation formatting.
    var formatted2: String {
        let hundredths = Int((self * 100).rounded())
        return hundredths % 100 == 0 ? String(hundredths / 100) : String(Double(hundredths) / 100)
    }
}
