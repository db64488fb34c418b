import JSON
import Risk

/// Texts every format shows again and again, as pieces the escapers write one after another (see
/// `VisibleText.write(pieces:)`), so the text itself is never built: a piece of evidence's summary and
/// a JSON Pointer. A test checks the pieces still join into `Evidence.summary` and the pointer's text.
enum ReportText {
    /// `Evidence.summary` in pieces: `"QUOTE" at POINTER → CATEGORY: REASON`.
    static func summary(_ e: Evidence) -> [String] {
        var pieces = ["\"", e.quote, "\" at "]
        pieces.reserveCapacity(8 + 2 * e.pointer.tokens.count)
        append(e.pointer, to: &pieces)
        pieces.append(" → ")
        pieces.append(e.category.rawValue)
        pieces.append(": ")
        pieces.append(e.reason)
        return pieces
    }

    /// A pointer's text in pieces: `/` and each escaped token.
    static func pointer(_ p: JSONPointer) -> [String] {
        var pieces: [String] = []
        pieces.reserveCapacity(2 * p.tokens.count)
        append(p, to: &pieces)
        return pieces
    }

    private static func append(_ p: JSONPointer, to pieces: inout [String]) {
        for token in p.tokens {
            pieces.append("/")
            // `~` and `/` are escaped as the pointer's own text escapes them (rare in practice).
            pieces.append(token.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F })
                ? String(JSONPointer(tokens: [token]).description.dropFirst()) : token)
        }
    }
}
