import Foundation

/// Which HTTP transport to speak to a remote server.
public enum RemoteTransportKind: String, Sendable, Hashable {
    /// Streamable HTTP first, legacy HTTP+SSE when the first POST is answered 400, 404 or 405.
    case auto
    /// Streamable HTTP only (2025-03-26 and later).
    case streamableHTTP = "http"
    /// Legacy HTTP+SSE only (2024-11-05).
    case legacySSE = "sse"
}

/// How to reach one remote MCP server. Header values and the bearer token are secrets: they are
/// sent to the server and never shown (see `redactedTarget`).
public struct RemoteOptions: Sendable {
    /// The MCP endpoint (Streamable HTTP) or SSE URL (legacy).
    public var url: URL
    /// Extra headers, already expanded.
    public var headers: [HeaderSpec]
    /// Sent as `Authorization: Bearer …` unless `headers` already has an Authorization header.
    public var bearerToken: String?
    /// Seconds allowed to connect and receive the response head of each HTTP request.
    public var connectTimeout: Double
    /// Seconds allowed for one whole exchange (head and body), and for waiting on the next message.
    public var requestTimeout: Double
    /// The most bytes accepted in one response body or SSE stream.
    public var maxBodyBytes: Int
    /// Redirects followed per request (same scheme, host and port only).
    public var maxRedirects: Int
    /// Which transport to speak.
    public var transport: RemoteTransportKind

    /// Options from their parts; the URL must be `http` or `https` with a host.
    public init(url: URL, headers: [HeaderSpec] = [], bearerToken: String? = nil, connectTimeout: Double = 15,
                requestTimeout: Double = 30, maxBodyBytes: Int = 32 << 20, maxRedirects: Int = 5,
                transport: RemoteTransportKind = .auto) {
        self.url = url; self.headers = headers; self.bearerToken = bearerToken
        self.connectTimeout = connectTimeout; self.requestTimeout = requestTimeout
        self.maxBodyBytes = maxBodyBytes; self.maxRedirects = maxRedirects; self.transport = transport
    }

    /// Builds options from command-line text: a URL, `Name: value` header specs (with `${VAR}`
    /// expansion), and a bearer token given directly or as the name of an environment variable.
    public static func parse(url text: String, headerSpecs: [String] = [], bearerToken: String? = nil,
                             bearerTokenEnv: String? = nil, environment: [String: String]) throws(MCPError) -> RemoteOptions {
        let url = try validatedURL(text)
        var headers: [HeaderSpec] = []
        for spec in headerSpecs { headers.append(try HeaderSpec.parse(spec, environment: environment)) }
        var token = try bearerToken.map { t throws(MCPError) in try HeaderSpec.expand(t, environment: environment, context: "--bearer-token") }
        if let name = bearerTokenEnv {
            guard let value = environment[name], !value.isEmpty else {
                throw .invalidTarget("--bearer-token-env: environment variable \(name.visibleEscaped(limit: 80)) is not set")
            }
            token = value
        }
        if let t = token, t.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
            throw .invalidTarget("the bearer token contains a space or control character")
        }
        return RemoteOptions(url: url, headers: headers, bearerToken: token)
    }

    /// Checks that `text` is an absolute `http(s)` URL with a host.
    public static func validatedURL(_ text: String) throws(MCPError) -> URL {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let url = components.url else {
            throw .invalidTarget("not a valid URL: \(RemoteRedaction.url(text))")
        }
        guard scheme == "http" || scheme == "https" else {
            throw .invalidTarget("unsupported URL scheme '\(scheme.visibleEscaped(limit: 20))' in \(RemoteRedaction.url(text)) (use http or https)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidTarget("URL has no host: \(RemoteRedaction.url(text))")
        }
        return url
    }

    /// The target as shown in reports: URL secrets and every header value redacted.
    public var redactedTarget: String {
        var all = headers
        if let bearerToken, !bearerToken.isEmpty, !hasAuthorizationHeader {
            all.append(HeaderSpec(name: "Authorization", value: bearerToken))
        }
        return RemoteRedaction.redactedTarget(url: url.absoluteString, headers: all)
    }

    /// True when `headers` sets Authorization itself.
    var hasAuthorizationHeader: Bool { headers.contains { $0.name.lowercased() == "authorization" } }

    /// Every secret value we send, for scrubbing server text that might echo one back.
    var secretValues: [String] {
        var values = headers.map(\.value)
        if let bearerToken { values.append(bearerToken) }
        for h in headers where h.name.lowercased() == "authorization" {
            // "Bearer abc" → also scrub "abc" on its own.
            if let space = h.value.firstIndex(of: " ") { values.append(String(h.value[h.value.index(after: space)...]).trimmingHTTPWhitespace()) }
        }
        if let user = URLComponents(url: url, resolvingAgainstBaseURL: false)?.password { values.append(user) }
        return values.filter { $0.count >= 4 }
    }
}

/// `redactedTarget(url:headers:)` for callers outside the options (e.g. client config entries).
public func redactedTarget(url: String, headers: [HeaderSpec]) -> String {
    RemoteRedaction.redactedTarget(url: url, headers: headers)
}
