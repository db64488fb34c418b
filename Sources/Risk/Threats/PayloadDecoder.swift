/// Text hidden in encodings a model decodes without being asked twice: Base64 (and gzip or zlib in it), Base32, hex (plain or
/// `\x41`), `\u0073` escapes, percent-encoding, HTML entities, ROT13, leetspeak and bits spelled in
/// zero-width characters. Each decoder looks for its own shape first and only decodes what has it, so
/// ordinary text costs one cheap look per decoder. Decoded text is decoded again (Base64 of ROT13).
enum PayloadDecoder {
    /// One hidden text: how it was encoded, where it sat (folded byte range of the outer text), and what it says.
    struct Decoded: Sendable, Hashable {
        let encoding: String
        let range: Range<Int>
        let text: String
    }

    /// Shortest Base64 or Base32 run considered, in characters.
    static let minimumRun = 24
    /// How deep decoded text is decoded again.
    static let maxDepth = 3
    /// The most decoded texts kept per field.
    static let maxDecoded = 8

    /// Every readable text hidden in `text` (given as its folded bytes and original), outermost first.
    static func decode(original: String, folded: [UInt8]) -> [Decoded] {
        var out: [Decoded] = []
        collect(original: original, folded: folded, depth: 0, into: &out)
        return out
    }

    private static func collect(original: String, folded: [UInt8], depth: Int, into out: inout [Decoded]) {
        guard depth < maxDepth, out.count < maxDecoded else { return }
        var found: [Decoded] = []
        let bytes = Array(original.utf8)
        found += Base64Runs.decode(bytes)
        found += EscapeRuns.decode(bytes)
        found += CharCodeRuns.decode(bytes)
        found += ZeroWidthBits.decode(original)
        if depth == 0 { found += RotationText.decode(bytes) }
        for d in found where out.count < maxDecoded {
            // Text that is only another encoding (Base64 of percent-escapes) is decoded again, not kept.
            if isReadable(d.text) { out.append(Decoded(encoding: d.encoding, range: d.range, text: trimmed(d.text))) }
            collect(original: d.text, folded: Tokenizer.foldedBytes(of: d.text), depth: depth + 1, into: &out)
        }
    }

    /// Readable text is mostly letters in several words (not random bytes, not a JSON cursor such as
    /// `{"id":"550e8400-…"}`): at least three words of two letters or more, letters at least 60%.
    static func isReadable(_ text: String) -> Bool {
        var letters = 0, total = 0, words = 0, run = 0, digits = 0, spaces = 0, cjk = 0
        for s in text.unicodeScalars {
            total += 1
            if s == " " { spaces += 1 }
            if Tokenizer.isCJK(s.value) { cjk += 1 }
            if s.properties.isAlphabetic {
                letters += 1
                run += 1
                // A Han, kana or hangul scalar is a word of its own.
                if Tokenizer.isCJK(s.value) { words += 1; run = 0 }
            } else {
                if s.value >= 0x30 && s.value <= 0x39 { digits += 1 }
                if run >= 2 { words += 1 }
                run = 0
            }
            if s.value < 0x20 && s != "\n" && s != "\t" && s != "\r" { return false }
            if s.value == 0xFFFD { return false }
        }
        if run >= 2 { words += 1 }
        // Prose has spaces between its words (or is written in a script that needs none).
        // Prose or a command line: words separated by spaces (or a script that needs none), mostly letters.
        if cjk * 4 >= total { return total >= 6 && letters * 5 >= total * 2 }
        return total >= 8 && words >= 3 && ((letters * 10 >= total * 6 && digits * 4 < total) || (letters * 20 >= total * 7 && spaces >= 3))
            && spaces >= 2
    }

    /// `text` without the spaces and line breaks around it (a rotated run starts where a word ended).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\t" || s == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// `bytes` as text when it is printable ASCII that holds another encoding (escapes, entities): decoded again.
    static func encodedText(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 8, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let escapes = bytes.filter { $0 == 0x25 || $0 == 0x5C || $0 == 0x26 }.count
        return escapes >= 3 ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// `bytes` as UTF-8 text when valid and readable.
    static func readableText(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self), isReadable(text) else { return nil }
        return text
    }
}
