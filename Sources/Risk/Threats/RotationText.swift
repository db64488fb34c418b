/// Sentences written in ROT13 or in leetspeak (`1gn0r3 pr3v10u5`): found by what they lack (the short
/// function words every sentence of a language has) and what decoding gives them.
enum RotationText {
    /// Short words common in the corpus languages written in Latin script; a sentence of real text has some.
    static let functionWords: Set<String> = [
        "the", "and", "to", "of", "in", "is", "it", "for", "on", "with", "as", "or", "be", "by", "this", "that", "your", "you", "all", "its",
        "from", "at", "an", "not", "are", "them", "then", "each", "every", "de", "la", "el", "en", "que", "los", "las", "un", "una",
        "del", "al", "con", "por", "para", "sin", "su", "se", "no", "le", "les", "des", "et", "du", "pour", "il", "di", "che",
        "per", "non", "da", "em", "um", "uma", "os", "com", "sem", "do", "und", "der", "die", "das", "nie", "zu", "den",
        "mit", "ist", "ein", "eine", "nach", "einer", "dem", "nicht",
    ]

    /// The decoded sentences of `bytes` that read as ROT13 or leetspeak.
    /// Words that say a text is written backwards (reversing is only tried where one is present).
    static let reverseHints = NeedleSet<Bool>(["revers", "backward", "rückwärts", "l'envers", "al revés", "al contrario", "trás para frente",
                                               "задом наперёд", "наоборот", "逆から", "逆順", "倒过来", "反过来", "倒序", "거꾸로"].map { ($0, wholeWord: false, true) })

    /// A name written backwards (`…_elif_nepo_lla_dneS`), read when its parameter's description says to
    /// reverse it: names are never decoded otherwise.
    static func reversedName(_ name: String) -> PayloadDecoder.Decoded? {
        let spaced = name.utf8.map { $0 == 0x5F || $0 == 0x2D ? UInt8(0x20) : $0 }
        guard spaced.count >= 12 else { return nil }
        let written = String(decoding: spaced, as: UTF8.self)
        let reversed = String(written.reversed())
        func plain(_ text: String) -> Int { text.lowercased().split { !$0.isLetter }.filter { functionWords.contains(String($0)) }.count }
        let before = plain(written), after = plain(reversed)
        guard after >= 2, after >= before * 2 + 1, PayloadDecoder.isReadable(reversed) else { return nil }
        return PayloadDecoder.Decoded(encoding: "reversed text", range: 0..<spaced.count, text: reversed)
    }

    /// True when folded text says something is written backwards.
    static func isReverseHinted(folded: [UInt8]) -> Bool { reverseHints.hasMatch(in: folded) }

    static func decode(_ bytes: [UInt8]) -> [PayloadDecoder.Decoded] {
        var out: [PayloadDecoder.Decoded] = []
        // Looked for only when a sentence could be reversed text (most fields have none: no lowercasing).
        var hinted: Bool?
        let reverseHinted = {
            if let hinted { return hinted }
            // ASCII text is lowercased byte by byte as it is searched (what `lowercased()` does to it).
            let found = reverseHints.hasMatch(inLoweredASCII: bytes)
                ?? reverseHints.hasMatch(in: Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8))
            hinted = found
            return found
        }
        var start = 0
        for i in 0...bytes.count {
            // Sentences end at . ! ? : ; and line breaks followed by a space (or the end).
            let end = i == bytes.count || ((bytes[i] == 0x0A || ((bytes[i] == 0x2E || bytes[i] == 0x21 || bytes[i] == 0x3F || bytes[i] == 0x3A || bytes[i] == 0x3B) && (i + 1 == bytes.count || bytes[i + 1] == 0x20))))
            guard end else { continue }
            if i - start >= 12 {
                let s = Array(bytes[start..<i])
                if let d = reversedAddress(s, offset: start) ?? sentence(s, offset: start, reverse: reverseHinted) { out.append(d) }
            }
            start = i + 1
        }
        return out
    }

    /// A sentence, in any script, that holds an e-mail address written backwards (`ed.tsneid-rhekmu@txet`):
    /// no hint needed, since the address reads only one way. Looked for only in sentences with an `@`.
    static func reversedAddress(_ s: [UInt8], offset: Int) -> PayloadDecoder.Decoded? {
        guard s.contains(0x40) else { return nil }
        var i = 0
        while i < s.count {
            guard Endpoints.isHostByte(s[i]) || s[i] == 0x40 else { i += 1; continue }
            var j = i
            while j < s.count, Endpoints.isHostByte(s[j]) || s[j] == 0x40 { j += 1 }
            let token = s[i..<j]
            if token.contains(0x40) {
                let forward = Array(token.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 })
                let backward = Array(forward.reversed())
                if !Endpoints.find(in: forward).contains(where: { $0.kind == .email }), Endpoints.find(in: backward).contains(where: { $0.kind == .email }) {
                    let text = String(String(decoding: s, as: UTF8.self).reversed())
                    return PayloadDecoder.Decoded(encoding: "reversed text", range: offset..<(offset + s.count), text: text)
                }
            }
            i = j
        }
        return nil
    }

    /// Hashes of `functionWords`, for the first look that builds no string.
    private static let functionHashes = WordSet(functionWords)

    private static func sentence(_ s: [UInt8], offset: Int, reverse: () -> Bool) -> PayloadDecoder.Decoded? {
        // A first look without building strings: words, ASCII-letter words, function words, mixed words.
        var words = 0, asciiWords = 0, plain = 0, mixed = 0
        var i = 0
        while i < s.count {
            guard isWordByte(s[i]) else { i += 1; continue }
            var h = WordHash.seed
            var j = i, letters = false, digits = false, ascii = true
            while j < s.count, isWordByte(s[j]) {
                let b = s[j] >= 0x41 && s[j] <= 0x5A ? s[j] + 0x20 : s[j]
                if b >= 0x30 && b <= 0x39 { digits = true } else if b < 0x80 { letters = true } else { ascii = false }
                h = (h ^ UInt64(b)) &* WordHash.prime
                j += 1
            }
            words += 1
            if ascii && letters && !digits { asciiWords += 1 }
            // Leetspeak puts digits inside words (`1gn0r3`), not after them like cell references (`A1`).
            if letters && digits && j - i >= 3 && Self.interleaved(s[i..<j]) { mixed += 1 }
            if functionHashes.contains(WordHash.finish(h, length: j - i)) { plain += 1 }
            i = j
        }
        guard words >= 4 else { return nil }
        if mixed * 3 >= words, mixed >= 3 {
            let text = String(decoding: s.map(unleet), as: UTF8.self)
            let decodedWords = text.lowercased().split { !$0.isLetter }.map(String.init)
            if decodedWords.filter(functionWords.contains).count > plain, PayloadDecoder.isReadable(text) {
                return PayloadDecoder.Decoded(encoding: "leetspeak", range: offset..<(offset + s.count), text: text)
            }
        }
        // ROT13 or reversed text: words of ASCII letters, few function words as written, several once decoded.
        guard asciiWords >= 4, asciiWords * 3 >= words * 2, plain * 5 <= words else { return nil }
        if reverse() {
            let reversed = String(String(decoding: s, as: UTF8.self).reversed())
            let reversedPlain = reversed.lowercased().split { !$0.isLetter }.map(String.init).filter(functionWords.contains).count
            if reversedPlain >= 2, reversedPlain >= plain * 2 + 1, reversedPlain * 6 >= words, PayloadDecoder.isReadable(reversed) {
                return PayloadDecoder.Decoded(encoding: "reversed text", range: offset..<(offset + s.count), text: reversed)
            }
        }
        // Most technical sentences lack function words too: before building the rotated text, a bound on
        // its function words from the bytes (every function word once rotated is a run of ASCII letters whose
        // rotation hashes to one), and whether an address could appear at all (every one has a dot or an @).
        let rotatedBound = Self.rotatedFunctionWordBound(s)
        let mayHoldAddress = Self.mayHoldAddressOnceRotated(s)
        guard (rotatedBound >= 2 && rotatedBound >= plain * 2 + 1 && rotatedBound * 6 >= words) || mayHoldAddress else { return nil }
        let rotated = String(decoding: s.map(rot13), as: UTF8.self)
        let rotatedPlain = rotated.lowercased().split { !$0.isLetter }.map(String.init).filter(functionWords.contains).count
        let readsAsText = rotatedPlain >= 2 && rotatedPlain >= plain * 2 + 1 && rotatedPlain * 6 >= words
        // Or an address appears once rotated (`ntraqn-rkgrean.pbz` → `agenda-externa.com`): looked for only
        // when the words do not decide and the bytes allow one.
        let addressAppears = !readsAsText && mayHoldAddress && rotatedPlain >= plain
            && Endpoints.find(in: Array(rotated.lowercased().utf8)).contains { $0.kind != .benign }
            && !Endpoints.find(in: Array(String(decoding: s, as: UTF8.self).lowercased().utf8)).contains { $0.kind != .benign }
        guard readsAsText || addressAppears, PayloadDecoder.isReadable(rotated) else { return nil }
        return PayloadDecoder.Decoded(encoding: "ROT13", range: offset..<(offset + s.count), text: rotated)
    }

    /// How many maximal runs of ASCII letters in `s` are function words once rotated: at least as many as
    /// the rotated text's function words, since each of those is such a run.
    private static func rotatedFunctionWordBound(_ s: [UInt8]) -> Int {
        var count = 0, i = 0
        while i < s.count {
            guard s[i] | 0x20 >= 0x61 && s[i] | 0x20 <= 0x7A else { i += 1; continue }
            var h = WordHash.seed
            var j = i
            while j < s.count, s[j] | 0x20 >= 0x61 && s[j] | 0x20 <= 0x7A {
                h = (h ^ UInt64(rot13(s[j] | 0x20))) &* WordHash.prime
                j += 1
            }
            if functionHashes.contains(WordHash.finish(h, length: j - i)) { count += 1 }
            i = j
        }
        return count
    }

    /// Rotated top-level domains (`pbz` is `com` once rotated), as hashes of their lowercase letters.
    private static let rotatedTopLevelDomains = WordSet(Endpoints.topLevelDomains.map { String(decoding: $0.utf8.map(rot13), as: UTF8.self) })

    /// False when no outside address can appear in `s` once rotated: rotation keeps every byte class, so
    /// an address appears only through a scheme (`://`), an `@`, or a dotted word whose last label is a
    /// top-level domain once rotated (an IPv4 literal reads the same both ways and never appears anew).
    private static func mayHoldAddressOnceRotated(_ s: [UInt8]) -> Bool {
        if s.contains(0x40) { return true }
        var i = 0
        while i < s.count {
            if s[i] == 0x3A, i + 2 < s.count, s[i + 1] == 0x2F, s[i + 2] == 0x2F { return true }
            guard s[i] == 0x2E else { i += 1; continue }
            // The letters after the dot, up to the end of the host-like word.
            var j = i + 1
            var h = WordHash.seed
            while j < s.count, s[j] | 0x20 >= 0x61 && s[j] | 0x20 <= 0x7A {
                h = (h ^ UInt64(s[j] | 0x20)) &* WordHash.prime
                j += 1
            }
            // Trailing dots are trimmed from a host (`agenda.pbz.`).
            var k = j
            while k < s.count, s[k] == 0x2E { k += 1 }
            let endsWord = k == s.count || !Endpoints.isHostByte(s[k])
            if j > i + 1, endsWord, rotatedTopLevelDomains.contains(WordHash.finish(h, length: j - i - 1)) { return true }
            i = max(j, i + 1)
        }
        return false
    }

    /// True when a digit stands before a letter (`pr3v10u5`, `53nd`), not only after letters like a cell
    /// reference or a version (`A1`, `v2`).
    private static func interleaved(_ w: ArraySlice<UInt8>) -> Bool {
        var sawDigit = false
        for b in w where b < 0x80 {
            if b >= 0x30 && b <= 0x39 { sawDigit = true } else if sawDigit && b | 0x20 >= 0x61 && b | 0x20 <= 0x7A { return true }
        }
        return false
    }

    @inline(__always) private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b >= 0x80
    }

    @inline(__always) static func rot13(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x41...0x5A: return (b - 0x41 + 13) % 26 + 0x41
        case 0x61...0x7A: return (b - 0x61 + 13) % 26 + 0x61
        default: return b
        }
    }

    @inline(__always) static func unleet(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x30: return 0x6F  // 0 → o
        case 0x31: return 0x69  // 1 → i
        case 0x33: return 0x65  // 3 → e
        case 0x34: return 0x61  // 4 → a
        case 0x35: return 0x73  // 5 → s
        case 0x37: return 0x74  // 7 → t
        case 0x38: return 0x62  // 8 → b
        case 0x40: return 0x61  // @ → a
        case 0x24: return 0x73  // $ → s
        default: return b
        }
    }
}
