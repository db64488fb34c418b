extension Pattern {
    /// The slots of `source`, read from its UTF-8 bytes. Every rule's phrases are compiled at every start
    /// (ten thousand alternatives), so a token or an alternative is a range of the bytes, not a `String`,
    /// and an alternative of plain ASCII letters, digits and `_` (most of them) is folded and hashed where it
    /// lies: the tokenizer would make it one word of those bytes, lowercased. Any other alternative goes
    /// through the tokenizer, as texts do.
    static func slots(of source: UnsafeBufferPointer<UInt8>) -> [Slot] {
        var slots: [Slot] = []
        var start = 0
        while start < source.count {
            if source[start] == 0x20 { start += 1; continue }
            var end = start
            while end < source.count && source[end] != 0x20 { end += 1 }
            slots.append(slot(source, start, end))
            start = end
        }
        return slots
    }

    /// The slot spelled by `source[start..<end]`: `~N`, or alternatives separated by `|`, maybe in `(…)?`.
    private static func slot(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Slot {
        if source[start] == 0x7E, let n = Int(text(source, start + 1, end)) { return .gap(n) }
        var from = start, to = end, optional = false
        if end - start >= 3 && source[start] == 0x28 && source[end - 2] == 0x29 && source[end - 1] == 0x3F {
            from += 1; to -= 2; optional = true
        }
        var exact: [UInt64] = []
        var prefixes: [[UInt8]] = []
        var sequences: [[UInt64]] = []
        var a = from
        while a < to {
            var b = a
            while b < to && source[b] != 0x7C { b += 1 }
            if b > a {
                if source[b - 1] == 0x2A {
                    prefixes.append(plainFolded(source, a, b - 1) ?? Tokenizer.foldedBytes(of: text(source, a, b - 1)))
                } else if let h = plainHash(source, a, b) {
                    exact.append(h)
                } else if let words = plainWords(source, a, b) {
                    if words.count > 1 { sequences.append(words) } else { exact.append(words[0]) }
                } else {
                    // Split as texts are split (the scanner alone: the phrase book is not built yet).
                    let alternative = text(source, a, b)
                    let words = TextScanner(alternative, mode: .prose).run().words.map(\.hash)
                    if words.count > 1 { sequences.append(words) } else { exact.append(words.first ?? WordHash.of(alternative)) }
                }
            }
            a = b + 1
        }
        return .words(Alternatives(exact: exact, prefixes: prefixes, sequences: sequences, optional: optional))
    }

    /// `source[start..<end]` lowercased, when it is only ASCII letters, digits and `_` (one word to the
    /// tokenizer, folded by lowercasing); nil otherwise.
    private static func plainFolded(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8]? {
        var folded: [UInt8] = []
        folded.reserveCapacity(end - start)
        for i in start..<end {
            guard let b = plainByte(source[i]) else { return nil }
            folded.append(b)
        }
        return folded
    }

    /// The word hash of `plainFolded(source, start, end)`, without the array.
    private static func plainHash(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        var h = WordHash.seed
        for i in start..<end {
            guard let b = plainByte(source[i]) else { return nil }
            h = (h ^ UInt64(b)) &* WordHash.prime
        }
        return WordHash.finish(h, length: end - start)
    }

    /// The word hashes the tokenizer gives `source[start..<end]` where they are plain to see: ASCII with no
    /// apostrophe (runs of letters, digits and `_`, lowercased: `e-mail` is two words) or Han, kana and
    /// hangul alone (a word per scalar, folded); nil for anything else, or no word (the tokenizer decides).
    private static func plainWords(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt64]? {
        var words: [UInt64] = []
        if !source[start..<end].contains(where: { $0 >= 0x80 }) {
            var i = start
            while i < end {
                if source[i] == 0x27 { return nil }
                guard plainByte(source[i]) != nil else { i += 1; continue }
                var j = i
                while j < end && plainByte(source[j]) != nil { j += 1 }
                if let h = plainHash(source, i, j) { words.append(h) }
                i = j
            }
        } else {
            var i = start
            var utf8: [UInt8] = []
            while i < end {
                let (v, n) = scalar(source, i)
                guard Tokenizer.isCJK(v), let folded = Unicode.Scalar(CharacterClass.fold(v)) else { return nil }
                utf8.removeAll(keepingCapacity: true)
                utf8.append(contentsOf: String(folded).utf8)
                words.append(utf8.withUnsafeBufferPointer { WordHash.of($0, from: 0, to: $0.count) })
                i += n
            }
        }
        return words.isEmpty ? nil : words
    }

    /// The scalar of valid UTF-8 at `i`, and its length.
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// An ASCII letter (lowercased), digit or `_`; nil for any other byte.
    @inline(__always) private static func plainByte(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x61...0x7A, 0x30...0x39, 0x5F: b
        case 0x41...0x5A: b + 0x20
        default: nil
        }
    }

    /// `source[start..<end]` as a `String`.
    private static func text(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: source[start..<end]), as: UTF8.self)
    }
}
