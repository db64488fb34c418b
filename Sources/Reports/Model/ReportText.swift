import JSON
import Risk
import TextOutput

/// Texts every format shows again and again, written in pieces straight into the format's escaper
/// (`TextPieces`), so the text itself is never built: a piece of evidence's summary and a JSON
/// Pointer. A test checks the pieces still join into `Evidence.summary` and the pointer's text.
enum ReportText {
    /// `Evidence.summary` in pieces: `"QUOTE" at POINTER → CATEGORY: REASON`.
    static func summary<W: TextPieces>(_ e: Evidence, to w: inout W) {
        w.write("\"")
        w.write(e.quote)
        w.write("\" at ")
        pointer(e.pointer, to: &w)
        w.write(" → ")
        w.write(e.category.rawValue)
        w.write(": ")
        w.write(e.reason)
    }

    /// A pointer's text in pieces: `/` and each escaped token.
    static func pointer<W: TextPieces>(_ p: JSONPointer, to w: inout W) {
        for token in p.tokens {
            w.write("/")
            // `~` and `/` are escaped as the pointer's own text escapes them (rare in practice).
            w.write(token.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) ? String(JSONPointer(tokens: [token]).description.dropFirst()) : token)
        }
    }
}

/// Pieces kept as they come (for tests).
struct CollectedPieces: TextPieces {
    var pieces: [String] = []
    mutating func write(_ piece: String) { pieces.append(piece) }
}
