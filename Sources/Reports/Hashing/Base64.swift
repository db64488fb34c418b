import JSON

extension SHA256 {
    /// The digest of `text`'s UTF-8 bytes in standard Base64 (as CSP hashes are written).
    static func base64(_ text: String) -> String { Base64.encode(digest(Array(text.utf8))) }
}

/// Standard Base64 with padding (RFC 4648 §4).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        for i in stride(from: 0, to: bytes.count, by: 3) {
            let n = min(3, bytes.count - i)
            let b0 = UInt32(bytes[i]), b1 = n > 1 ? UInt32(bytes[i + 1]) : 0, b2 = n > 2 ? UInt32(bytes[i + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            for j in 0..<4 {
                out.append(j <= n ? alphabet[Int((triple >> UInt32(18 - 6 * j)) & 63)] : "=")
            }
        }
        return out
    }
}
