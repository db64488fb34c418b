/// Cuts a readable quote around a match: bounded, with the match central, raw (renderers escape).
enum Quote {
    /// The match in `scalars[range]` with up to `limit` scalars in all; `…` marks a cut.
    static func around(_ range: Range<Int>, in scalars: [Unicode.Scalar], limit: Int = 120) -> String {
        let range = range.clamped(to: 0..<scalars.count)
        var lo = range.lowerBound
        var hi = range.upperBound
        if hi - lo >= limit {
            hi = lo + limit
        } else {
            let spare = limit - (hi - lo)
            lo = max(0, lo - spare / 2)
            hi = min(scalars.count, hi + (spare - (range.lowerBound - lo)))
            if hi - lo < limit { lo = max(0, hi - limit) }
            // Prefer cutting at a space, as long as that loses little context.
            if lo > 0, let space = scalars[lo..<range.lowerBound].prefix(20).firstIndex(where: { $0 == " " || $0 == "\n" }) {
                lo = space + 1
            }
            if hi < scalars.count, let space = scalars[range.upperBound..<hi].suffix(20).lastIndex(where: { $0 == " " || $0 == "\n" }) {
                hi = space
            }
        }
        var out = lo > 0 ? "…" : ""
        out.unicodeScalars.append(contentsOf: scalars[lo..<hi])
        if hi < scalars.count { out += "…" }
        return out
    }

    /// A whole short string, or its first `limit` scalars and `…`.
    static func prefix(_ text: String, limit: Int = 120) -> String {
        let scalars = Array(text.unicodeScalars)
        return around(0..<min(scalars.count, limit), in: scalars, limit: limit)
    }

    /// The longest quote kept, in characters.
    static let maxLength = 120

    /// `text` cut to `maxLength` characters with an ellipsis.
    static func cut(_ text: String) -> String {
        text.count <= maxLength ? text : String(text.prefix(maxLength - 1)) + "…"
    }
}
