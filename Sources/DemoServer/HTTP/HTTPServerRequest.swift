/// One HTTP/1.1 request as the loopback server read it.
public struct HTTPServerRequest: Sendable {
    /// `GET`, `POST`, `DELETE`, …
    public var method: String
    /// The path without the query, e.g. `/mcp`.
    public var path: String
    /// The raw query (after `?`), empty when none.
    public var query: String
    /// Header fields with lowercased names; repeated fields joined with ", ".
    public var headers: [String: String]
    /// The body (Content-Length bytes).
    public var body: [UInt8]

    /// A request from its parts.
    public init(method: String, path: String, query: String = "", headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method; self.path = path; self.query = query; self.headers = headers; self.body = body
    }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The value of query parameter `name` (no percent-decoding; our own URLs need none).
    public func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// Parses a request head (request line and header lines, without the final blank line).
    static func parseHead(_ head: [UInt8]) -> HTTPServerRequest? {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { return nil }
        let target = String(requestLine[1])
        var path = target
        var query = ""
        if let q = target.firstIndex(of: "?") {
            path = String(target[..<q]); query = String(target[target.index(after: q)...])
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return HTTPServerRequest(method: String(requestLine[0]), path: path, query: query, headers: headers)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
