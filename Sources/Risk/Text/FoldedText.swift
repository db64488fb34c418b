/// A text prepared for matching: its Unicode scalars, a folded copy (lowercased, whitespace runs
/// collapsed, invisible format characters dropped, tag characters read as ASCII, typographic quotes made plain) with a map back to
/// the original, and its words. Ranges returned by every search are in original scalar offsets, so
/// a quote cut from them is the exact text the server sent. Immutable and shared by reference: rules
/// pass the same folded text around many times, and a reference costs one retain per copy.
final class FoldedText: Sendable {
    /// The original scalars.
    let scalars: [Unicode.Scalar]
    /// The folded scalars.
    let folded: [Unicode.Scalar]
    /// For each folded scalar, the offset of the original scalar it came from.
    let origin: [Int]
    /// The words of the folded text, in order (contractions such as "don't" become "do" and "not").
    let words: [Word]
    /// The distinct words, for a quick "can this pattern match at all" test.
    let wordSet: Set<String>
    /// The ASCII scalars of the folded text: a phrase or word needing another one cannot occur.
    let asciiPresent: ASCIISet
    /// A summary of `wordSet` that rules most absent words out without hashing them in full.
    let wordBloom: WordBloom

    /// A word: its folded spelling and where it lies in the original scalars.
    struct Word: Sendable, Hashable {
        let text: String
        let range: Range<Int>
    }

    /// Folds `text` once; searches on the result are cheap.
    init(_ text: String) {
        // One pass over the text reads the scalars and folds them (no separate count and copy); UTF-8
        // length bounds the scalar count.
        var scalars: [Unicode.Scalar] = []
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        let capacity = text.utf8.count
        scalars.reserveCapacity(capacity)
        folded.reserveCapacity(capacity)
        origin.reserveCapacity(capacity)
        var lastWasSpace = false
        for s in text.unicodeScalars {
            let i = scalars.count
            scalars.append(s)
            // ASCII fast path (nearly every text): Unicode property lookups are slow, and ASCII needs none.
            if s.value < 0x80 {
                if ScalarClass.isSpace(s) {
                    if !lastWasSpace { folded.append(" "); origin.append(i) }
                    lastWasSpace = true
                } else {
                    lastWasSpace = false
                    folded.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(UInt8(s.value + 32)) : s)
                    origin.append(i)
                }
                continue
            }
            // Tag characters are read as the ASCII they shadow, as models read them, so smuggled text is matched.
            if (0xE0020...0xE007E).contains(s.value) {
                folded.append(FoldedText.fold(Unicode.Scalar(s.value - 0xE0000)!))
                origin.append(i)
                lastWasSpace = s.value == 0xE0020
                continue
            }
            if FoldedText.isIgnorable(s) { continue }
            if ScalarClass.isSpace(s) {
                if !lastWasSpace { folded.append(" "); origin.append(i) }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            folded.append(FoldedText.fold(s))
            origin.append(i)
        }
        self.scalars = scalars
        self.folded = folded
        self.origin = origin
        let words = FoldedText.split(folded, origin: origin)
        self.words = words
        self.wordSet = Set(words.map(\.text))
        self.asciiPresent = ASCIISet(folded)
        var bloom = WordBloom()
        for word in words { bloom.insert(word.text) }
        self.wordBloom = bloom
    }

    /// A phrase folded once, for searching many texts (`ranges(of:)` with a string folds it each time).
    struct Needle: Sendable {
        /// The folded scalars.
        let scalars: [Unicode.Scalar]
        /// The phrase as written.
        let phrase: String
        /// The ASCII scalars it needs.
        let ascii: ASCIISet
        /// Folds `phrase` the way texts are folded.
        init(_ phrase: String) { self.phrase = phrase; scalars = FoldedText(phrase).folded; ascii = ASCIISet(scalars) }
    }

    /// True when `s` is invisible formatting that an attacker could slip inside a phrase to dodge a match.
    static func isIgnorable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00AD, 0x034F, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069,
             0xFEFF, 0xE0000...0xE007F: true
        default: false
        }
    }

    /// One scalar, lowercased when that gives one scalar, with curly quotes made straight.
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII {
            if s.value >= 65 && s.value <= 90 { return Unicode.Scalar(s.value + 32)! }
            return s
        }
        switch s.value {
        case 0x2018, 0x2019, 0x201B, 0x2032: return "'"
        case 0x201C, 0x201D, 0x201F, 0x2033: return "\""
        default: break
        }
        let lower = s.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let first = lower.first { return first }
        return s
    }

    /// True for scalars that make up words (letters, digits, and `_` so identifiers stay whole).
    @inline(__always) static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        ScalarClass.isLetter(s) || ScalarClass.isDigit(s) || s == "_"
    }

    private static let contractions: [String: (String, String)] = [
        "don't": ("do", "not"), "doesn't": ("does", "not"), "didn't": ("did", "not"), "can't": ("can", "not"),
        "won't": ("will", "not"), "shouldn't": ("should", "not"), "mustn't": ("must", "not"),
        "isn't": ("is", "not"), "aren't": ("are", "not"), "wouldn't": ("would", "not")
    ]

    private static func split(_ folded: [Unicode.Scalar], origin: [Int]) -> [Word] {
        var words: [Word] = []
        var i = 0
        while i < folded.count {
            guard isWordScalar(folded[i]) else { i += 1; continue }
            var j = i
            var isASCII = true
            var hasApostrophe = false
            while j < folded.count {
                if isWordScalar(folded[j]) { isASCII = isASCII && folded[j].isASCII; j += 1; continue }
                // An apostrophe between letters stays inside the word ("don't", "user's").
                if folded[j] == "'", j + 1 < folded.count, isWordScalar(folded[j + 1]), j > i { hasApostrophe = true; j += 1; continue }
                break
            }
            // Folded ASCII is already lowercase, so lowering it again only builds the string from bytes.
            let text = isASCII ? ScalarClass.lowercased(folded[i..<j]) : String(String.UnicodeScalarView(folded[i..<j]))
            let range = origin[i]..<(origin[j - 1] + 1)
            // Contractions and possessives hold an apostrophe; other words skip the look-ups.
            if !hasApostrophe {
                words.append(Word(text: text, range: range))
            } else if let (a, b) = contractions[text] {
                words.append(Word(text: a, range: range))
                words.append(Word(text: b, range: range))
            } else if text.hasSuffix("'s") {
                words.append(Word(text: String(text.dropLast(2)), range: range))
            } else {
                words.append(Word(text: text, range: range))
            }
            i = j
        }
        return words
    }

    /// Every place `phrase` occurs (case-insensitively, any whitespace run matching one space), as
    /// original scalar ranges. With `wholeWords`, a match may not start or end inside a word.
    func ranges(of phrase: String, wholeWords: Bool = false) -> [Range<Int>] {
        ranges(of: Needle(phrase), wholeWords: wholeWords)
    }

    /// Every place a pre-folded phrase occurs; see `ranges(of:wholeWords:)`.
    func ranges(of needle: Needle, wholeWords: Bool = false) -> [Range<Int>] {
        guard needle.ascii.isSubset(of: asciiPresent) else { return [] }
        let needle = needle.scalars
        guard !needle.isEmpty, needle.count <= folded.count else { return [] }
        var found: [Range<Int>] = []
        let first = needle[0]
        var i = 0
        let last = folded.count - needle.count
        while i <= last {
            // Skip to the next occurrence of the needle's first scalar before comparing the rest.
            guard let next = folded.withUnsafeBufferPointer({ b -> Int? in
                var k = i
                while k <= last { if b[k] == first { return k }; k += 1 }
                return nil
            }) else { break }
            i = next
            if matches(needle, at: i) {
                let end = i + needle.count
                let startOK = !wholeWords || !FoldedText.isWordScalar(needle[0]) || i == 0 || !FoldedText.isWordScalar(folded[i - 1])
                let endOK = !wholeWords || !FoldedText.isWordScalar(needle[needle.count - 1]) || end == folded.count
                    || !FoldedText.isWordScalar(folded[end])
                if startOK && endOK {
                    found.append(origin[i]..<(origin[end - 1] + 1))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return found
    }

    private func matches(_ needle: [Unicode.Scalar], at i: Int) -> Bool {
        folded.withUnsafeBufferPointer { b in
            needle.withUnsafeBufferPointer { n in
                for k in 1..<n.count where b[i + k] != n[k] { return false }
                return true
            }
        }
    }

    /// True when a pre-folded phrase occurs anywhere.
    func contains(_ needle: Needle, wholeWords: Bool = false) -> Bool { !ranges(of: needle, wholeWords: wholeWords).isEmpty }

    /// True when `phrase` occurs anywhere.
    func contains(_ phrase: String, wholeWords: Bool = false) -> Bool { !ranges(of: phrase, wholeWords: wholeWords).isEmpty }

    /// The original text of a scalar range.
    func text(_ range: Range<Int>) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars[range.clamped(to: 0..<scalars.count)])
        return s
    }

    /// The word indices whose ranges overlap the original scalar range `range`.
    func wordIndices(overlapping range: Range<Int>) -> Range<Int> {
        // Binary searches: rules call this once per match, and a hostile text can hold many matches.
        let lo = firstWord { $0.range.upperBound > range.lowerBound }
        let hi = firstWord { $0.range.lowerBound >= range.upperBound }
        return lo..<max(lo, hi)
    }

    /// The index of the first word for which `isPast` holds (it must hold for every later word too).
    private func firstWord(_ isPast: (Word) -> Bool) -> Int {
        var lo = 0, hi = words.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isPast(words[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The quote for a match: the matched span with context on both sides, at most `limit` scalars,
    /// cut at spaces where possible and marked with `…` where cut. Kept raw; renderers escape it.
    func quote(_ range: Range<Int>, limit: Int = 120) -> String {
        Quote.around(range, in: scalars, limit: limit)
    }
}
