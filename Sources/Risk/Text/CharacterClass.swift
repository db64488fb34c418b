/// Character classes of scalar values with an ASCII fast path: Unicode property look-ups are slow on
/// Linux, and nearly every name and description is ASCII.
enum CharacterClass {
    /// A letter (alphabetic).
    @inline(__always) static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        return scalar(v)?.properties.isAlphabetic ?? false
    }
    /// A digit or other numeric character that is not a letter.
    @inline(__always) static func isDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        guard let s = scalar(v) else { return false }
        return s.properties.numericType != nil && !s.properties.isAlphabetic
    }
    /// An upper-case letter.
    @inline(__always) static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return scalar(v)?.properties.isUppercase ?? false
    }
    /// A lower-case letter.
    @inline(__always) static func isLower(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return scalar(v)?.properties.isLowercase ?? false
    }
    /// White space.
    @inline(__always) static func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return scalar(v)?.properties.isWhitespace ?? false
    }

    /// A non-ASCII scalar as a model reads it: lowercased when that gives one scalar, typographic quotes
    /// made plain.
    static func fold(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x2018, 0x2019, 0x201B, 0x2032: return 0x27
        case 0x201C, 0x201D, 0x201F, 0x2033: return 0x22
        default: break
        }
        // Han, kana and hangul have no case (a test checks every one): no property lookup.
        if Tokenizer.isCJK(v) { return v }
        guard let s = scalar(v) else { return v }
        // Most scalars have no lowercase form: a binary property says so without building the mapping's
        // `String` (it holds exactly when the mapping is the scalar itself; a test checks every scalar).
        guard s.properties.changesWhenLowercased else { return v }
        let lower = s.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let first = lower.first { return first.value }
        return v
    }

    @inline(__always) private static func scalar(_ v: UInt32) -> Unicode.Scalar? { Unicode.Scalar(v) }
}
