import JSON

/// The MCP revisions we speak, and how to recognise a server of the stateless (2026+) era.
public enum ProtocolVersions {
    /// What `initialize` offers.
    public static let offered = "2025-11-25"
    /// Initialize-era revisions we know; later dates up to `offered` are accepted too.
    public static let initializeEra = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]
    /// Stateless revisions we speak, newest first.
    public static let modern = ["2026-07-28"]

    /// Whether a version returned by `initialize` is usable: any date from 2024-11-05 on (a server
    /// that completed the handshake speaks it, whatever it calls its version).
    public static func acceptsInitializeVersion(_ version: String) -> Bool {
        isDate(version) && version >= "2024-11-05"
    }

    /// True for `YYYY-MM-DD`.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { i, b in i == 4 || i == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
    }

    /// True for a date version of 2026 or later (the stateless era).
    static func isModern(_ text: String) -> Bool { isDate(text) && text >= "2026-01-01" }

    /// Whether an error answer to `initialize` says the server only speaks the stateless revision:
    /// a code from -32022 to -32020, `data.supported` naming a 2026+ version, or a message naming one.
    public static func looksModern(code: Int, message: String, data: JSONValue?) -> Bool {
        if (-32022)...(-32020) ~= code { return true }
        if supportedList(data).contains(where: isModern) { return true }
        return datesMentioned(in: message).contains(where: isModern)
    }

    /// The `data.supported` strings of an error.
    static func supportedList(_ data: JSONValue?) -> [String] {
        (data?["supported"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The newest stateless version both sides speak; with no list from the server, our newest.
    static func commonModern(serverSupported: [String]) -> String? {
        if serverSupported.isEmpty { return modern.first }
        return modern.first { serverSupported.contains($0) }
    }

    /// Every `YYYY-MM-DD` in `text`.
    static func datesMentioned(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars.prefix(10_000))
        var found: [String] = []
        var i = 0
        while i + 10 <= scalars.count {
            let candidate = String(String.UnicodeScalarView(scalars[i..<i + 10]))
            if isDate(candidate) { found.append(candidate); i += 10 } else { i += 1 }
        }
        return found
    }
}
