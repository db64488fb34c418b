import Foundation

/// One HTTP request as every client sends it: our socket client writes it as HTTP/1.1 bytes, libcurl (for
/// `https://` on Linux) is handed its parts, and on macOS the URLSession client turns it into a `URLRequest`.
struct HTTPRequest: Sendable {
    /// `GET`, `POST`, `DELETE`.
    var method: String
    /// The absolute `http` or `https` URL.
    var url: URL
    /// Header fields in the order they are sent; `setHeader` replaces by case-insensitive name.
    private(set) var headers: [(name: String, value: String)] = []
    /// The request body, if any.
    var body: [UInt8]?
    /// Seconds without any traffic after which the connection is given up (a safety net: the
    /// transports' own deadlines usually end an exchange first).
    var idleTimeout: Double

    /// A request without headers or body.
    init(method: String, url: URL, body: [UInt8]? = nil, idleTimeout: Double) {
        self.method = method; self.url = url; self.body = body; self.idleTimeout = idleTimeout
    }

    /// Sets `name` to `value`, replacing any field of that name.
    mutating func setHeader(_ name: String, _ value: String) {
        let key = name.lowercased()
        if let i = headers.firstIndex(where: { $0.name.lowercased() == key }) {
            headers[i].value = value
        } else {
            headers.append((name, value))
        }
    }

    /// Removes every field named `name`.
    mutating func removeHeader(_ name: String) {
        let key = name.lowercased()
        headers.removeAll { $0.name.lowercased() == key }
    }

    /// The value of the field `name`, if set.
    func header(_ name: String) -> String? {
        let key = name.lowercased()
        return headers.first { $0.name.lowercased() == key }?.value
    }

    /// The HTTP/1.1 message: request line, `Host`, our fields, framing fields, blank line, body.
    /// Always `Connection: close` (one request per connection) and no content coding. Refuses a field
    /// whose name is not a token or whose value holds CR, LF or NUL: it could split the message.
    func serialized() throws(MCPError) -> [UInt8] {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false), let host = components.host,
              !host.isEmpty else {
            throw .invalidTarget("not a valid URL: \(RemoteRedaction.url(url.absoluteString))")
        }
        var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { target += "?" + query }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let defaultPort = components.scheme?.lowercased() == "https" ? 443 : 80
        var fields: [(String, String)] = [("Host", components.port.map { $0 == defaultPort ? bracketed : "\(bracketed):\($0)" } ?? bracketed)]
        let own = Set(["host", "content-length", "transfer-encoding", "connection"])
        fields += headers.filter { !own.contains($0.name.lowercased()) }.map { ($0.name, $0.value) }
        if header("authorization") == nil, let user = components.user {
            // Userinfo in the URL is sent as Basic credentials, as URLSession (libcurl) does.
            let pair = (components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user) + ":" +
                (components.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? "")
            fields.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        if let body { fields.append(("Content-Length", String(body.count))) }
        else if ["POST", "PUT", "PATCH"].contains(method) { fields.append(("Content-Length", "0")) }
        fields.append(("Connection", "close"))

        guard !method.isEmpty, method.utf8.allSatisfy(HeaderSpec.isTokenByte) else {
            throw .invalidTarget("the HTTP method '\(method.visibleEscaped(limit: 20))' is not a token")
        }
        var out = Array("\(method) \(target) HTTP/1.1\r\n".utf8)
        for (name, value) in fields {
            guard !name.isEmpty, name.utf8.allSatisfy(HeaderSpec.isTokenByte) else {
                throw .invalidTarget("header name '\(name.visibleEscaped(limit: 80))' has characters not allowed in an HTTP header name")
            }
            // Values may be secrets: the error names the field only.
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw .protocolViolation(step: "", detail: "the \(name) header value holds a line break or NUL; not sent")
            }
            out += Array(name.utf8); out += [0x3A, 0x20]; out += Array(value.utf8); out += [0x0D, 0x0A]
        }
        out += [0x0D, 0x0A]
        if let body { out += body }
        return out
    }
}

#if !os(Linux)
extension HTTPRequest {
    /// The same request for URLSession.
    var urlRequest: URLRequest {
        var r = URLRequest(url: url)
        r.httpMethod = method
        // URLSession's own timer is an idle timer; the exchange's deadlines bound the totals.
        r.timeoutInterval = idleTimeout
        r.cachePolicy = .reloadIgnoringLocalCacheData
        for h in headers { r.setValue(h.value, forHTTPHeaderField: h.name) }
        if let body { r.httpBody = Data(body) }
        return r
    }
}
#endif
