/// Unicode tag characters (U+E0000–U+E007F): invisible, yet models read them as the ASCII they
/// shadow, which makes them a channel for "ASCII smuggling".
enum TagCharacters {
    /// True for a tag character.
    static func isTag(_ s: Unicode.Scalar) -> Bool { (0xE0000...0xE007F).contains(s.value) }

    /// The ASCII text a run of tag characters spells (U+E0041 → "A"); tags with no printable
    /// counterpart (U+E0001 LANGUAGE TAG, U+E007F CANCEL TAG, …) are left out.
    static func decode(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var out = ""
        for s in scalars { if let a = printableASCII(of: s) { out.unicodeScalars.append(a) } }
        return out
    }

    /// The printable ASCII scalar a tag character shadows (U+E0041 → "A"); nil for other scalars and
    /// for tags with no printable counterpart.
    static func printableASCII(of s: Unicode.Scalar) -> Unicode.Scalar? {
        guard isTag(s) else { return nil }
        let ascii = s.value - 0xE0000
        return ascii >= 0x20 && ascii < 0x7F ? Unicode.Scalar(ascii) : nil
    }

    /// True when the tags starting at `index` are part of an emoji subdivision flag (🏴 followed by
    /// lowercase tag letters or digits and a CANCEL TAG), the one legitimate use of tag characters.
    static func isFlagSequence(_ scalars: [Unicode.Scalar], tagsStartAt index: Int) -> Bool {
        guard index > 0, scalars[index - 1].value == 0x1F3F4 else { return false }
        var i = index
        var count = 0
        while i < scalars.count, isTag(scalars[i]) {
            let v = scalars[i].value
            if v == 0xE007F { return count >= 2 && count <= 6 }
            guard (0xE0061...0xE007A).contains(v) || (0xE0030...0xE0039).contains(v) else { return false }
            count += 1
            i += 1
        }
        return false
    }
}
