import Foundation

/// The status line and headers of an HTTP response.
struct HTTPResponseHead: Sendable, Equatable {
    /// The status code.
    var status: Int
    /// Header fields with lowercased names; repeated fields joined with `, `.
    var headers: [String: String]
    /// The URL that answered.
    var url: URL?

    /// A header by case-insensitive name.
    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The media type without parameters, lowercased (`application/json; charset=utf-8` → `application/json`).
    var mediaType: String? {
        guard let ct = header("content-type") else { return nil }
        return ct.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingHTTPWhitespace().lowercased() }
    }
}

/// Bounds on what an HTTP response head and its framing may hold (the body's size is bounded by the
/// exchange, `RemoteOptions.maxBodyBytes`).
struct HTTPResponseLimits: Sendable, Hashable {
    /// The longest head (status line and header fields, line endings included) of one response.
    var maxHeadBytes: Int = 64 << 10
    /// The most header fields in one head.
    var maxHeaderFields: Int = 256
    /// The longest chunk-size line (size and extensions, without its line ending) of a chunked body.
    var maxChunkLineBytes: Int = 4 << 10
    /// The most bytes of trailer fields after the last chunk.
    var maxTrailerBytes: Int = 16 << 10
    /// The most interim (1xx) responses skipped before the final one.
    var maxInterimResponses: Int = 16

    /// The limits every exchange uses.
    static let standard = HTTPResponseLimits()
}
