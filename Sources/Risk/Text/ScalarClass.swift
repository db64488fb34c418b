/// Character classes of Unicode scalars with an ASCII fast path: Unicode property lookups are slow on
/// Linux, and nearly every name and description is ASCII.
enum ScalarClass {
    /// A letter.
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A }
        return c.properties.isAlphabetic
    }
    /// A digit or other numeric character.
    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.numericType != nil && !c.properties.isAlphabetic
    }
    /// An upper-case letter.
    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c.value >= 0x41 && c.value <= 0x5A }
        return c.properties.isUppercase
    }
    /// A lower-case letter.
    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c.value >= 0x61 && c.value <= 0x7A }
        return c.properties.isLowercase
    }
    /// White space.
    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c == " " || c == "\n" || c == "\t" || c == "\r" || c.value == 0x0B || c.value == 0x0C }
        return c.properties.isWhitespace
    }
    /// The first `limit` scalars of `text`, read in one pass (`Array(text.unicodeScalars.prefix(limit))`
    /// walks the text twice: once to find where the prefix ends, once to copy it).
    static func scalars(of text: String, limit: Int) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(min(limit, text.utf8.count))
        for s in text.unicodeScalars {
            guard out.count < limit else { break }
            out.append(s)
        }
        return out
    }

    /// The scalars as a lowercase string (ASCII lowered by hand; others by the standard library).
    static func lowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.allSatisfy({ $0.value < 128 }) {
            // Written straight into the string's storage: no intermediate byte array per word.
            return String(unsafeUninitializedCapacity: scalars.count) { buffer in
                for (k, c) in scalars.enumerated() { buffer[k] = UInt8(isUpper(c) ? c.value | 0x20 : c.value) }
                return scalars.count
            }
        }
        return String(String.UnicodeScalarView(scalars)).lowercased()
    }
}
