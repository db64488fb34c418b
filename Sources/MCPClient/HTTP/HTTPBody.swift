import Foundation
import JSON

/// Reading and describing HTTP bodies within limits.
enum HTTPBody {
    /// Reads the body up to `limit` bytes within `deadline` seconds of the request start.
    /// Past `limit` the request is cancelled: with `truncate` the bytes so far are returned, otherwise it is an error.
    static func read(_ exchange: HTTPExchange, deadline: Double, limit: Int, truncate: Bool) async throws(MCPError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            switch try await exchange.next(deadline: deadline, waiting: "reading the response body") {
            case .head: continue
            case .bytes(let chunk):
                // Checked before appending, so the buffer never holds more than `limit` bytes.
                if body.count + chunk.count > limit {
                    exchange.cancel()
                    if truncate { return body + chunk.prefix(limit - body.count) }
                    throw .limitExceeded(step: exchange.step, detail: "the response body exceeded \(limit) bytes")
                }
                body.append(contentsOf: chunk)
            case .end(let error):
                if let error { throw error }
                return body
            }
        }
    }

    /// A short, printable excerpt of a body for error messages: HTML reduced to its title and text.
    static func excerpt(_ bytes: [UInt8], mediaType: String?, secrets: [String], limit: Int = 200) -> String {
        var text = String(decoding: bytes.prefix(64 << 10), as: UTF8.self)
        if mediaType == "text/html" || text.range(of: "<html", options: .caseInsensitive) != nil {
            text = htmlText(text)
        }
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        return RemoteRedaction.scrub(collapsed, secrets: secrets).visibleEscaped(limit: limit)
    }

    /// The title followed by the text of an HTML page, tags and scripts removed.
    static func htmlText(_ html: String) -> String {
        var title = ""
        if let open = html.range(of: "<title", options: .caseInsensitive),
           let gt = html[open.upperBound...].firstIndex(of: ">"),
           let close = html[gt...].range(of: "</title", options: .caseInsensitive) {
            title = String(html[html.index(after: gt)..<close.lowerBound])
        }
        var out = ""
        var inTag = false
        var skipping: String?  // inside <script> or <style>
        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if let end = skipping {
                if html[i...].hasPrefixCaseInsensitive(end) { skipping = nil } else { i = html.index(after: i); continue }
            }
            if c == "<" {
                if html[i...].hasPrefixCaseInsensitive("<script") { skipping = "</script" }
                else if html[i...].hasPrefixCaseInsensitive("<style") { skipping = "</style" }
                else if html[i...].hasPrefixCaseInsensitive("<title") { skipping = "</title" }
                inTag = true
                out += " "
            } else if c == ">" {
                inTag = false
            } else if !inTag {
                out.append(c)
            }
            i = html.index(after: i)
        }
        let body = out.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return title.isEmpty ? body : "\(title.trimmingHTTPWhitespace()) — \(body)"
    }

    /// Parses a body as one JSON value, if it is JSON.
    static func json(_ bytes: [UInt8], maxBytes: Int) -> JSONDocument? {
        try? JSONParser(limits: JSONLimits(maxBytes: maxBytes, maxDepth: 64)).parse(bytes)
    }
}

extension Substring {
    func hasPrefixCaseInsensitive(_ prefix: String) -> Bool {
        guard count >= prefix.count else { return false }
        return self.prefix(prefix.count).lowercased() == prefix
    }
}

/// JSON-RPC shapes the HTTP transports look at.
enum RPCShape {
    /// The method, when the message is a request or notification.
    static func method(_ m: JSONValue) -> String? { m["method"]?.stringValue }
    /// The id, when present and not null.
    static func id(_ m: JSONValue) -> JSONValue? {
        guard let id = m["id"], !id.isNull else { return nil }
        return id
    }
    /// A request expects a response: it has both a method and an id.
    static func isRequest(_ m: JSONValue) -> Bool { method(m) != nil && id(m) != nil }

    /// True for a JSON-RPC error the 2026-07-28 revision defines (-32020…-32022) or one naming a 2026+ version.
    static func isModernError(_ m: JSONValue) -> Bool {
        guard let error = m["error"], let code = error["code"]?.intValue else { return false }
        if (-32022 ... -32020).contains(code) { return true }
        if let supported = error["data"]?["supported"]?.arrayValue,
           supported.contains(where: { ($0.stringValue ?? "") >= "2026" }) { return true }
        return namesModernVersion(error["message"]?.stringValue ?? "")
    }

    /// True when `text` contains a `YYYY-MM-DD` date of 2026 or later (a stateless-era version).
    static func namesModernVersion(_ text: String) -> Bool {
        let b = Array(text.utf8.prefix(2000))
        guard b.count >= 10 else { return false }
        func digit(_ i: Int) -> Bool { (0x30...0x39).contains(b[i]) }
        for i in 0...(b.count - 10) where digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && b[i + 4] == 0x2D
            && digit(i + 5) && digit(i + 6) && b[i + 7] == 0x2D && digit(i + 8) && digit(i + 9) {
            if String(decoding: b[i..<(i + 4)], as: UTF8.self) >= "2026" { return true }
        }
        return false
    }

    /// True for a JSON-RPC error response object.
    static func isErrorResponse(_ m: JSONValue) -> Bool { m["error"]?["code"]?.intValue != nil && m["jsonrpc"] != nil }

    /// The response with `id` filled in when the server left it out or null (one POST carries one request).
    static func withID(_ m: JSONValue, _ id: JSONValue) -> JSONValue {
        guard case .object(var o) = m, RPCShape.id(m) == nil else { return m }
        o["id"] = id
        return .object(o)
    }
}
