/// A small skeleton map for names: letters from other scripts that look like Latin ones, fullwidth forms,
/// and digits or capitals that pass for letters are mapped to what they imitate, so `sеnd_email` (Cyrillic
/// е), `ｓｅｎｄ_email`, `send_emaiI` and `move_fi1e` compare equal to the names they copy.
enum Confusables {
    private static let map: [UInt32: Character] = [
        // Cyrillic
        0x0430: "a", 0x0435: "e", 0x043E: "o", 0x0440: "p", 0x0441: "c", 0x0443: "y", 0x0445: "x", 0x0456: "i",
        0x0458: "j", 0x0455: "s", 0x0501: "d", 0x04CF: "l", 0x0410: "a", 0x0412: "b", 0x0415: "e", 0x041A: "k",
        0x041C: "m", 0x041D: "h", 0x041E: "o", 0x0420: "p", 0x0421: "c", 0x0422: "t", 0x0425: "x", 0x0406: "l",
        0x0408: "j", 0x0405: "s", 0x04BB: "h", 0x051B: "q", 0x051D: "w", 0x0457: "i", 0x0491: "r",
        // Greek
        0x03BF: "o", 0x03B1: "a", 0x03B9: "i", 0x03BA: "k", 0x03BD: "v", 0x03C1: "p", 0x03C5: "u", 0x039F: "o",
        0x0391: "a", 0x0392: "b", 0x0395: "e", 0x0396: "z", 0x0397: "h", 0x0399: "l", 0x039A: "k", 0x039C: "m",
        0x039D: "n", 0x03A1: "p", 0x03A4: "t", 0x03A5: "y", 0x03A7: "x",
        // Latin lookalikes and ASCII that passes for letters in a name.
        0x0131: "i", 0x0261: "g", 0x01C0: "l", 0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2212: "-",
        0x0031: "l", 0x007C: "l", 0x0030: "o",
    ]

    /// The lowercase skeleton of `name`: lookalikes mapped, fullwidth forms narrowed, invisible characters dropped.
    static func skeleton(_ name: String) -> String {
        var out = ""
        let scalars = Array(name.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            var v = s.value
            if Tokenizer.isIgnorable(v) { continue }
            // A capital I that does not start a camel-case word (`emaiI`, `fiIe`) stands in for an l.
            if v == 0x49, i > 0, CharacterClass.isLower(scalars[i - 1].value), i + 1 == scalars.count || !CharacterClass.isLower(scalars[i + 1].value) {
                out.append("l")
                continue
            }
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            if let latin = map[v] { out.append(latin); continue }
            guard let scalar = Unicode.Scalar(v) else { continue }
            if v < 0x80 {
                out.unicodeScalars.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 0x20)! : scalar)
            } else {
                out.append(contentsOf: String(scalar).lowercased())
            }
        }
        return out
    }

    /// True when `name` has a character the skeleton changed (other than case).
    static func hasLookalikes(_ name: String) -> Bool { skeleton(name) != name.lowercased() }

    /// True when `v` is a Cyrillic or Greek letter that looks like a Latin one.
    static func isLookalike(_ v: UInt32) -> Bool { v >= 0x0370 && map[v] != nil }
}
