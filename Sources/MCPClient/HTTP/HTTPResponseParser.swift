import Foundation

/// Reads one HTTP/1.1 response from a byte stream: a pure value, fed in any chunking, always giving
/// the same head, body bytes and end. Knows the three body framings (Content-Length, chunked, and
/// until the connection closes), skips interim 1xx responses, and refuses heads, chunk lines and
/// trailers beyond `limits`. Errors leave `step` empty for the caller to fill in.
struct HTTPResponseParser: Sendable {
    /// What one call to `feed` or `finish` produced, in order.
    enum Output: Sendable, Equatable {
        /// The final response's status line and headers.
        case head(HTTPResponseHead)
        /// Body bytes (already de-chunked).
        case body([UInt8])
        /// The body is complete; later bytes are ignored.
        case end
    }

    private enum State: Sendable {
        case head, fixed(remaining: Int), chunkLine, chunkData(remaining: Int), chunkDataEnd, trailers, untilClose, done
    }

    /// The bounds in force.
    let limits: HTTPResponseLimits
    private let requestMethod: String
    private let url: URL?
    private var state = State.head
    private var line: [UInt8] = []
    private var headLines: [[UInt8]] = []
    private var headBytes = 0
    private var sawAnyByte = false
    private var interimResponses = 0
    private var trailerBytes = 0
    private var declaredLength = 0
    private var failure: MCPError?

    /// A parser for the answer to a `requestMethod` request (a HEAD answer has no body) sent to `url`.
    init(requestMethod: String, url: URL? = nil, limits: HTTPResponseLimits = .standard) {
        self.requestMethod = requestMethod.uppercased(); self.url = url; self.limits = limits
    }

    /// True once the body has ended.
    var isComplete: Bool { if case .done = state { return true } else { return false } }

    /// Consumes bytes and returns what they complete.
    mutating func feed(_ chunk: ArraySlice<UInt8>) throws(MCPError) -> [Output] {
        if let failure { throw failure }
        do { return try consume(chunk) } catch { failure = error; throw error }
    }

    /// `feed` for a whole array.
    mutating func feed(_ bytes: [UInt8]) throws(MCPError) -> [Output] { try feed(bytes[...]) }

    /// The connection closed: ends a body that runs until close; anything else unfinished is an error.
    mutating func finish() throws(MCPError) -> [Output] {
        if let failure { throw failure }
        switch state {
        case .done: return []
        case .untilClose: state = .done; return [.end]
        case .head where !sawAnyByte:
            throw fail(.connectionFailed(detail: "the server closed the connection without answering"))
        case .head:
            throw fail(.protocolViolation(step: "", detail: "the connection closed in the middle of the response head"))
        case .fixed(let remaining):
            throw fail(.protocolViolation(step: "", detail: "the connection closed after \(declaredLength - remaining) of the \(declaredLength) body bytes its Content-Length declared"))
        case .chunkLine, .chunkData, .chunkDataEnd, .trailers:
            throw fail(.protocolViolation(step: "", detail: "the connection closed in the middle of a chunked body"))
        }
    }

    private mutating func fail(_ error: MCPError) -> MCPError { failure = error; return error }

    private mutating func consume(_ chunk: ArraySlice<UInt8>) throws(MCPError) -> [Output] {
        var out: [Output] = []
        var i = chunk.startIndex
        if !chunk.isEmpty { sawAnyByte = true }
        while i < chunk.endIndex {
            switch state {
            case .head, .chunkLine, .chunkDataEnd, .trailers:
                let newline = chunk[i...].firstIndex(of: 0x0A)
                let end = newline ?? chunk.endIndex
                line.append(contentsOf: chunk[i..<end])
                try checkLineLimit(adding: end - i + (newline == nil ? 0 : 1))
                if case .head = state, headLines.isEmpty { try checkStatusPrefix() }
                guard let newline else { return out }
                i = newline + 1
                if line.last == 0x0D { line.removeLast() }
                try endLine(into: &out)
                line.removeAll(keepingCapacity: true)
            case .fixed(let remaining):
                let take = min(remaining, chunk.endIndex - i)
                out.append(.body(Array(chunk[i..<(i + take)])))
                i += take
                if remaining == take { state = .done; out.append(.end) } else { state = .fixed(remaining: remaining - take) }
            case .chunkData(let remaining):
                let take = min(remaining, chunk.endIndex - i)
                out.append(.body(Array(chunk[i..<(i + take)])))
                i += take
                state = remaining == take ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .untilClose:
                out.append(.body(Array(chunk[i...])))
                i = chunk.endIndex
            case .done:
                i = chunk.endIndex  // one request per connection: anything after the body is ignored
            }
        }
        return out
    }

    /// Counts `count` raw bytes against the limit of the line kind being read.
    private mutating func checkLineLimit(adding count: Int) throws(MCPError) {
        switch state {
        case .head:
            headBytes += count
            if headBytes > limits.maxHeadBytes {
                throw .limitExceeded(step: "", detail: "the response head is longer than \(limits.maxHeadBytes) bytes")
            }
        case .chunkLine, .chunkDataEnd:
            if line.count - (line.last == 0x0D ? 1 : 0) > limits.maxChunkLineBytes {
                throw .limitExceeded(step: "", detail: "a chunk-size line is longer than \(limits.maxChunkLineBytes) bytes")
            }
        case .trailers:
            trailerBytes += count
            if trailerBytes > limits.maxTrailerBytes {
                throw .limitExceeded(step: "", detail: "the trailer fields are longer than \(limits.maxTrailerBytes) bytes")
            }
        default: break
        }
    }

    /// A server that is not speaking HTTP (TLS, SSH, a banner) is refused at its first bytes, not after
    /// waiting for a line break that may never come.
    private func checkStatusPrefix() throws(MCPError) {
        if line.count == 1 && line[0] == 0x0D { return }  // the CR of an empty line before the status line
        let prefix = Array("HTTP/1.".utf8)
        let n = min(line.count, prefix.count)
        if line[0..<n] != prefix[0..<n] {
            throw .protocolViolation(step: "", detail: "the server's answer does not start with an HTTP/1.x status line (is it HTTP?)")
        }
    }

    private mutating func endLine(into out: inout [Output]) throws(MCPError) {
        switch state {
        case .head:
            if !line.isEmpty {
                if headLines.count > limits.maxHeaderFields {
                    throw .limitExceeded(step: "", detail: "the response head has more than \(limits.maxHeaderFields) header fields")
                }
                headLines.append(line)
            } else if !headLines.isEmpty {
                try endHead(into: &out)
            }  // empty lines before the status line are skipped (RFC 9112 §2.2), within the head limit
        case .chunkLine:
            let size = try Self.chunkSize(line)
            state = size == 0 ? .trailers : .chunkData(remaining: size)
        case .chunkDataEnd:
            guard line.isEmpty else { throw .protocolViolation(step: "", detail: "a chunk of the chunked body is longer than its declared size") }
            state = .chunkLine
        case .trailers:
            if line.isEmpty { state = .done; out.append(.end) }
        default:
            break
        }
    }

    private mutating func endHead(into out: inout [Output]) throws(MCPError) {
        let status = try Self.status(headLines[0])
        var headers: [String: String] = [:]
        for field in headLines.dropFirst() {
            let (name, value) = try Self.field(field)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        headLines = []
        headBytes = 0
        if (100..<200).contains(status) {
            if status == 101 { throw .protocolViolation(step: "", detail: "the server switched protocols (101), which was not asked for") }
            interimResponses += 1
            if interimResponses > limits.maxInterimResponses {
                throw .limitExceeded(step: "", detail: "more than \(limits.maxInterimResponses) interim (1xx) responses")
            }
            return
        }
        out.append(.head(HTTPResponseHead(status: status, headers: headers, url: url)))
        if requestMethod == "HEAD" || status == 204 || status == 304 {
            state = .done; out.append(.end)
        } else if let codings = headers["transfer-encoding"] {
            // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3); a final coding other than
            // chunked means the body runs until the connection closes.
            let last = codings.split(separator: ",").last.map { String($0).trimmingHTTPWhitespace().lowercased() }
            state = last == "chunked" ? .chunkLine : .untilClose
        } else if let length = headers["content-length"] {
            declaredLength = try Self.contentLength(length)
            if declaredLength == 0 { state = .done; out.append(.end) } else { state = .fixed(remaining: declaredLength) }
        } else {
            state = .untilClose
        }
    }

    /// The status code of `HTTP/1.x NNN reason`.
    static func status(_ line: [UInt8]) throws(MCPError) -> Int {
        let prefix = Array("HTTP/1.".utf8)
        guard line.count >= 12, Array(line[0..<7]) == prefix, isDigit(line[7]), line[8] == 0x20,
              line[9...11].allSatisfy(isDigit), line.count == 12 || line[12] == 0x20 else {
            throw .protocolViolation(step: "", detail: "the server's answer does not start with an HTTP/1.x status line: \(LineDecoder.excerpt(line, limit: 80))")
        }
        let code = line[9...11].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (100...599).contains(code) else {
            throw .protocolViolation(step: "", detail: "the status code \(code) is outside 100–599")
        }
        return code
    }

    /// A header field's lowercased name and its value without surrounding spaces.
    static func field(_ line: [UInt8]) throws(MCPError) -> (String, String) {
        if line.first == 0x20 || line.first == 0x09 {
            throw .protocolViolation(step: "", detail: "the response head folds a header field over several lines (obsolete, refused)")
        }
        guard let colon = line.firstIndex(of: 0x3A), colon > 0, line[..<colon].allSatisfy(HeaderSpec.isTokenByte) else {
            throw .protocolViolation(step: "", detail: "a response header line is not 'Name: value': \(LineDecoder.excerpt(line, limit: 80))")
        }
        var value = line[(colon + 1)...]
        while let f = value.first, f == 0x20 || f == 0x09 { value = value.dropFirst() }
        while let l = value.last, l == 0x20 || l == 0x09 { value = value.dropLast() }
        let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
        if value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw .protocolViolation(step: "", detail: "the \(name.visibleEscaped(limit: 60)) header holds control characters")
        }
        return (name, String(decoding: value, as: UTF8.self))
    }

    /// Content-Length: digits, or a list of identical digit strings (RFC 9110 §8.6).
    static func contentLength(_ value: String) throws(MCPError) -> Int {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingHTTPWhitespace() }
        guard let first = parts.first, parts.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18,
              first.utf8.allSatisfy(isDigit), let n = Int(first) else {
            throw .protocolViolation(step: "", detail: "invalid Content-Length '\(value.visibleEscaped(limit: 40))'")
        }
        return n
    }

    /// The size of a `HEX[;extensions]` chunk line.
    static func chunkSize(_ line: [UInt8]) throws(MCPError) -> Int {
        let digits = line.prefix { isHexDigit($0) }
        let rest = line[digits.count...].drop { $0 == 0x20 || $0 == 0x09 }
        guard !digits.isEmpty, digits.count <= 15, rest.isEmpty || rest.first == 0x3B else {
            throw .protocolViolation(step: "", detail: "invalid chunk-size line in a chunked body: \(LineDecoder.excerpt(line, limit: 40))")
        }
        return digits.reduce(0) { $0 * 16 + Int(hexValue($1)) }
    }

    private static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
    private static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
    private static func hexValue(_ b: UInt8) -> UInt8 { isDigit(b) ? b - 0x30 : (b | 0x20) - 0x61 + 10 }
}

