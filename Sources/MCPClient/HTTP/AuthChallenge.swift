import Foundation
import JSON

/// What a 401/403 said about authentication: the `WWW-Authenticate` challenge and, when reachable on
/// the same host, the OAuth protected resource metadata (RFC 9728).
struct AuthChallenge: Sendable {
    var scheme: String?
    var parameters: [(name: String, value: String)] = []

    /// Parses the first challenge of a `WWW-Authenticate` value: `Scheme k=v, k2="quoted v"`.
    init(header: String?) {
        guard let header, !header.isEmpty else { return }
        var s = Substring(header.prefix(4096))
        func skipSpace() { while let f = s.first, f == " " || f == "\t" || f == "," { s = s.dropFirst() } }
        func token() -> String {
            let t = s.prefix { ($0.asciiValue.map(HeaderSpec.isTokenByte) ?? false) || $0 == "/" }
            s = s.dropFirst(t.count)
            return String(t)
        }
        skipSpace()
        scheme = token()
        while !s.isEmpty {
            skipSpace()
            let name = token()
            guard !name.isEmpty else { break }
            while let f = s.first, f == " " { s = s.dropFirst() }
            guard s.first == "=" else { break }  // a second scheme starts: keep the first challenge only
            s = s.dropFirst()
            while let f = s.first, f == " " { s = s.dropFirst() }
            var value = ""
            if s.first == "\"" {
                s = s.dropFirst()
                while let c = s.first, c != "\"" {
                    if c == "\\" { s = s.dropFirst(); if let n = s.first { value.append(n) } } else { value.append(c) }
                    s = s.dropFirst()
                }
                s = s.dropFirst()
            } else {
                value = String(s.prefix { $0 != "," && $0 != " " })
                s = s.dropFirst(value.count)
            }
            parameters.append((name.lowercased(), value))
        }
    }

    func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }

    /// Builds the `authenticationRequired` error, fetching the resource metadata when it is on the server's host.
    static func error(status: Int, head: HTTPResponseHead, serverURL: URL, options: RemoteOptions,
                      driver: HTTPDriver) async -> MCPError {
        let challenge = AuthChallenge(header: head.header("www-authenticate"))
        var parts: [String] = []
        func show(_ s: String, _ limit: Int = 200) -> String {
            RemoteRedaction.scrub(s, secrets: options.secretValues).visibleEscaped(limit: limit)
        }
        if let scheme = challenge.scheme, !scheme.isEmpty { parts.append("scheme \(show(scheme, 40))") }
        for key in ["realm", "error", "error_description", "scope"] {
            if let v = challenge.parameter(key) { parts.append("\(key) \"\(show(v))\"") }
        }
        if head.header("www-authenticate") == nil { parts.append("no WWW-Authenticate header") }
        let metadataURL = challenge.parameter("resource_metadata").flatMap { URL(string: $0, relativeTo: serverURL)?.absoluteURL }
        if let metadataURL { parts.append("resource metadata \(RemoteRedaction.url(metadataURL.absoluteString))") }
        var candidates: [URL] = []
        if let metadataURL { candidates.append(metadataURL) } else {
            var c = URLComponents(url: serverURL, resolvingAgainstBaseURL: false)
            c?.query = nil; c?.fragment = nil; c?.user = nil; c?.password = nil
            let path = serverURL.path == "/" ? "" : serverURL.path
            for suffix in [path, ""] {
                c?.path = "/.well-known/oauth-protected-resource" + suffix
                if let u = c?.url, !candidates.contains(u) { candidates.append(u) }
            }
        }
        for candidate in candidates {
            guard candidate.host?.lowercased() == serverURL.host?.lowercased(),
                  ["http", "https"].contains(candidate.scheme?.lowercased() ?? "") else {
                if candidate == metadataURL { parts.append("(metadata not fetched: not on the server's host)") }
                continue
            }
            if let summary = await fetchMetadata(candidate, options: options, driver: driver) {
                if metadataURL == nil { parts.append("resource metadata \(RemoteRedaction.url(candidate.absoluteString))") }
                parts.append(contentsOf: summary)
                break
            }
        }
        parts.append(options.hasAuthorizationHeader || options.bearerToken != nil
                     ? "credentials were sent and refused" : "no credentials were sent (use --bearer-token or --header)")
        return .authenticationRequired(status: status, detail: parts.joined(separator: "; "))
    }

    /// GETs the metadata without credentials, 64 KiB and a few seconds at most; returns what it says.
    private static func fetchMetadata(_ url: URL, options: RemoteOptions, driver: HTTPDriver) async -> [String]? {
        let deadline = min(options.connectTimeout, 5)
        var request = HTTPRequest(method: "GET", url: url, idleTimeout: deadline)
        request.setHeader("Accept", "application/json")
        let exchange = driver.start(request, step: "GET protected resource metadata", maxBodyBytes: 64 << 10)
        do {
            guard case .head(let head) = try await exchange.next(deadline: deadline, waiting: "waiting for the response head"),
                  head.status == 200 else { exchange.cancel(); return nil }
            let body = try await HTTPBody.read(exchange, deadline: deadline, limit: 64 << 10, truncate: false)
            guard let doc = HTTPBody.json(body, maxBytes: 64 << 10), doc.value.objectValue != nil else { return nil }
            func strings(_ key: String) -> [String] {
                (doc.value[key]?.arrayValue ?? []).compactMap(\.stringValue).prefix(10).map { $0.visibleEscaped(limit: 120) }
            }
            var out: [String] = []
            if let resource = doc.value["resource"]?.stringValue { out.append("resource \(RemoteRedaction.url(resource))") }
            let servers = strings("authorization_servers")
            if !servers.isEmpty { out.append("authorization servers \(servers.map(RemoteRedaction.url).joined(separator: ", "))") }
            let scopes = strings("scopes_supported")
            if !scopes.isEmpty { out.append("scopes supported \(scopes.joined(separator: " "))") }
            return out
        } catch {
            exchange.cancel()
            return nil
        }
    }
}
