import Foundation
import MCPClient

/// Something to scan: a stdio command, a remote URL, a saved snapshot file, or the bundled demo.
public enum ScanTarget: Sendable, Hashable {
    /// A local server started as a child process.
    case stdio(StdioCommand)
    /// A remote server reached over HTTP.
    case remote(RemoteEndpoint)
    /// A saved `tools/list` result or snapshot, scanned offline.
    case file(path: String)

    /// How the target is shown in reports: never with secret values.
    public var display: String {
        switch self {
        case .stdio(let c): return c.display
        case .remote(let r): return r.display
        case .file(let path): return path
        }
    }
}

/// A stdio server's command line and environment overlay.
public struct StdioCommand: Sendable, Hashable {
    /// The program (a path or a name looked up on PATH).
    public var command: String
    /// Its arguments.
    public var arguments: [String]
    /// Variables added to the child's environment; values are secrets and never shown.
    public var environment: [String: String]
    /// The working directory, if any.
    public var workingDirectory: String?
    /// True for mcprisk's own demo server, which needs no network isolation.
    public var isTrustedDemo: Bool

    /// A command from its parts.
    public init(command: String, arguments: [String] = [], environment: [String: String] = [:],
                workingDirectory: String? = nil, isTrustedDemo: Bool = false) {
        self.command = command; self.arguments = arguments; self.environment = environment
        self.workingDirectory = workingDirectory; self.isTrustedDemo = isTrustedDemo
    }

    /// The command line as shown: words quoted when needed, env names without values.
    public var display: String {
        // The demo is shown by what a user types, not by this machine's binary path.
        let program = isTrustedDemo ? "mcprisk" : command
        let words = ([program] + arguments).map(StdioCommand.shellQuoted)
        let env = environment.keys.sorted().map { "\($0)=…" }
        return (env + words).joined(separator: " ")
    }

    /// A word quoted for a POSIX shell when it holds anything but safe characters.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0)) }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A remote server's URL and the headers to send (values are secrets).
public struct RemoteEndpoint: Sendable, Hashable {
    /// Which HTTP transport a config asked for.
    public enum TransportHint: String, Sendable, Hashable { case auto, streamableHTTP, sse }
    /// The URL as given.
    public var url: String
    /// Headers, in order; values never shown.
    public var headers: [HeaderSpec]
    /// The transport to use.
    public var hint: TransportHint

    /// An endpoint from its parts.
    public init(url: String, headers: [HeaderSpec] = [], hint: TransportHint = .auto) {
        self.url = url; self.headers = headers; self.hint = hint
    }

    /// The URL with credentials, secret-looking query values and token-like path segments masked, plus
    /// header names: the same redaction the HTTP transports use in their errors.
    public var display: String { RemoteRedaction.redactedTarget(url: url, headers: headers) }
}
