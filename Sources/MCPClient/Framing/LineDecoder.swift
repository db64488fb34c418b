import JSON

/// Turns one framed line into a transport event: a JSON object or array is a message; anything
/// else (a banner, a log line, a bare number) is a `non-json-stdout` anomaly quoting the line.
public enum LineDecoder {
    /// The event for `line`, parsed with `parser`.
    public static func event(for line: [UInt8], parser: JSONParser) -> TransportEvent {
        do {
            let document = try parser.parse(line)
            switch document.value {
            case .object, .array: return .message(document.value, issues: document.issues)
            default:
                return .anomaly(Anomaly(kind: "non-json-stdout", message: "a line that is JSON but not a message: \(excerpt(line))"))
            }
        } catch {
            return .anomaly(Anomaly(kind: "non-json-stdout", message: "a line that is not JSON (\(error)): \(excerpt(line))"))
        }
    }

    /// At most 200 characters of `bytes`, control characters escaped, for quoting in messages.
    public static func excerpt(_ bytes: some Collection<UInt8>, limit: Int = 200) -> String {
        let text = String(decoding: bytes.prefix(limit * 4), as: UTF8.self)
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { out += "…"; break }
            out += Sanitize.visible(scalar)
            count += 1
        }
        return out
    }
}

/// Makes server text safe to quote in our own messages and logs.
public enum Sanitize {
    /// `scalar` as itself when printable, else as `\u{XX}` (C0, C1, DEL, bidi controls, invisible format characters).
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        let isControl = v < 0x20 || (0x7F...0x9F).contains(v)
        let isFormat = scalar.properties.generalCategory == .format
        if isControl || isFormat || v == 0x2028 || v == 0x2029 {
            return "\\u{" + String(v, radix: 16, uppercase: true) + "}"
        }
        return String(scalar)
    }

    /// All of `text` made visible, cut to `limit` characters.
    public static func quote(_ text: String, limit: Int = 500) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { out += "…"; break }
            out += visible(scalar)
            count += 1
        }
        return out
    }
}
