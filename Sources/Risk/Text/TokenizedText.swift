/// A text split once by the `Tokenizer`: the original, its folded bytes and its words. Every search a
/// rule makes runs on this; quotes are cut from the original text, so a quote is exactly what the
/// server sent. Shared by reference: a tool's texts are read by many rules.
final class TokenizedText: Sendable {
    /// What kind of word a token is, beyond its text.
    struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        /// The original held `_` (`delete_branch`): an identifier.
        static let underscore = Flags(rawValue: 1)
        /// The original held a capital after its first scalar (`deleteBranch`, `CreateCluster`).
        static let innerCapital = Flags(rawValue: 2)
        /// Every scalar is ASCII.
        static let ascii = Flags(rawValue: 4)
        /// Part of a contraction ("don't" gives `do` and `not`, both spanning the original).
        static let contraction = Flags(rawValue: 8)
        /// The word follows an opening parenthesis ("(read-only)").
        static let afterParenthesis = Flags(rawValue: 16)
    }

    /// One word.
    struct Word: Sendable, Hashable {
        /// Its folded bytes, `start..<end` of `folded`.
        var start: Int32, end: Int32
        /// `WordHash` of its folded text (for a contraction part, of that part: `do`, `not`).
        var hash: UInt64
        /// Which sentence holds it (0 = first).
        var sentence: Int32
        /// Which namespace segment holds it (identifier mode; 0 in prose).
        var segment: Int32
        /// What else is known about it.
        var flags: Flags
    }

    /// The text as sent.
    let original: String
    /// The folded UTF-8 bytes.
    let folded: [UInt8]
    /// For each folded byte, its UTF-8 offset in `original`; nil when every byte is where it was.
    private let origin: [Int32]?
    /// The words, in order.
    let words: [Word]
    /// How many words the capability rules read (`ProseLimit`).
    let proseEnd: Int
    /// True when only the first `Tokenizer.maxBytes` bytes were read.
    let truncated: Bool
    /// True when every scalar of the original is ASCII.
    let isASCII: Bool
    /// Every phrase of every registered list found in the text (prose mode), by `PhraseKey`. Written once,
    /// at the end of `init`, and never again.
    nonisolated(unsafe) private var phraseHits: [[PhraseHit]] = []

    /// Splits `text` once and, in prose mode, finds every registered phrase.
    init(_ text: String, mode: Tokenizer.Mode = .prose) {
        let out = TextScanner(text, mode: mode).run()
        original = text
        folded = out.folded
        origin = out.origin
        words = out.words
        proseEnd = out.proseEnd
        truncated = out.truncated
        isASCII = out.isASCII
        if mode != .fold, !words.isEmpty { phraseHits = PhraseBook.shared.scan(self) }
    }

    /// Every match of `list`'s patterns, in order of position (then of the list), at every starting word:
    /// overlapping matches included.
    func hits<P>(_ list: PhraseList<P>) -> [PhraseHit] { phraseHits.isEmpty ? [] : phraseHits[list.key.rawValue] }

    /// The matches of `list` as each pattern finds them left to right without overlapping itself.
    func nonOverlappingHits<P>(_ list: PhraseList<P>) -> [PhraseHit] {
        var lastEnd: [Int: Int] = [:]
        return hits(list).filter { h in
            if let e = lastEnd[h.pattern], h.from <= e { return false }
            lastEnd[h.pattern] = h.to
            return true
        }
    }

    /// An empty text.
    static let empty = TokenizedText("")

    /// How many words.
    var count: Int { words.count }
    /// True when the text has no word.
    var isEmpty: Bool { words.isEmpty }

    /// The hash of word `i`.
    @inline(__always) func hash(_ i: Int) -> UInt64 { words[i].hash }

    /// True when word `i` is in `set`.
    @inline(__always) func word(_ i: Int, in set: WordSet) -> Bool { set.contains(words[i].hash) }

    /// True when word `i` is `word` (as written in a lexicon).
    func word(_ i: Int, is word: String) -> Bool { words[i].hash == WordHash.of(word) }

    /// The folded text of word `i` (a contraction part spells its part: `do`, `not`).
    func text(_ i: Int) -> String {
        let w = words[i]
        if w.flags.contains(.contraction) { return Contractions.spelling(of: w.hash) ?? foldedString(Int(w.start), Int(w.end)) }
        return foldedString(Int(w.start), Int(w.end))
    }

    /// Every word's folded text (for tests and messages; rules compare hashes).
    var texts: [String] { words.indices.map(text) }

    /// The index of the first word in `set` at or after `from`, before `to`.
    func first(in set: WordSet, from: Int = 0, to: Int? = nil) -> Int? {
        var i = from
        let end = min(to ?? words.count, words.count)
        while i < end { if set.contains(words[i].hash) { return i }; i += 1 }
        return nil
    }

    /// True when any word in `range` is in `set`.
    func contains(_ set: WordSet, in range: Range<Int>? = nil) -> Bool {
        let r = (range ?? 0..<words.count).clamped(to: 0..<words.count)
        return first(in: set, from: r.lowerBound, to: r.upperBound) != nil
    }

    /// The original text of words `from...to` (inclusive).
    func quote(_ from: Int, _ to: Int) -> String {
        guard from >= 0, to < words.count, from <= to else { return "" }
        return originalString(originalOffset(Int(words[from].start)), originalEnd(Int(words[to].end)))
    }

    /// The original text of word `i`.
    func quote(_ i: Int) -> String { quote(i, i) }

    /// The words of the first sentence.
    var firstSentence: Range<Int> {
        let end = words.firstIndex { $0.sentence > 0 } ?? words.count
        return 0..<end
    }

    /// True when the first non-space folded byte after word `i` is `byte` (a `:` closing a label).
    func isFollowed(_ i: Int, by byte: UInt8) -> Bool {
        var k = Int(words[i].end)
        while k < folded.count, folded[k] == 0x20 { k += 1 }
        return k < folded.count && folded[k] == byte
    }

    /// True when word `i` is wrapped in backticks or quotes (`` `publish` ``, "delete").
    func isQuoted(_ i: Int) -> Bool {
        let w = words[i]
        guard w.start > 0, Int(w.end) < folded.count else { return false }
        let before = folded[Int(w.start) - 1], after = folded[Int(w.end)]
        return before == after && (before == 0x60 || before == 0x27 || before == 0x22)
    }

    /// True when word `i` reads as an identifier (`delete_branch`, `deleteBranch`) or is quoted.
    func isIdentifierLike(_ i: Int) -> Bool {
        let f = words[i].flags
        return f.contains(.underscore) || f.contains(.innerCapital) || isQuoted(i)
    }

    /// The folded byte before word `i`'s start, if any.
    func byte(before i: Int) -> UInt8? {
        let s = Int(words[i].start)
        return s > 0 ? folded[s - 1] : nil
    }

    // MARK: Original offsets

    /// The original UTF-8 offset of folded byte `k`.
    func originalOffset(_ k: Int) -> Int {
        guard let origin else { return k }
        return k < origin.count ? Int(origin[k]) : original.utf8.count
    }

    /// The original UTF-8 offset just past folded byte `k - 1` (the end of a span ending at `k`).
    func originalEnd(_ k: Int) -> Int {
        guard k > 0 else { return 0 }
        guard let origin else { return k }
        let last = Int(origin[min(k, origin.count) - 1])
        // The original scalar at `last` may be longer than one byte.
        let utf8 = original.utf8
        var end = last + 1
        let count = utf8.count
        if let storage = utf8.withContiguousStorageIfAvailable({ $0 }) {
            while end < count, storage[end] & 0xC0 == 0x80 { end += 1 }
        }
        return min(end, count)
    }

    /// The original text between two UTF-8 offsets.
    func originalString(_ from: Int, _ to: Int) -> String {
        let utf8 = Array(original.utf8)
        let lo = max(0, min(from, utf8.count)), hi = max(lo, min(to, utf8.count))
        return String(decoding: utf8[lo..<hi], as: UTF8.self)
    }

    /// The folded text between two folded offsets.
    func foldedString(_ from: Int, _ to: Int) -> String {
        String(decoding: folded[max(0, from)..<min(to, folded.count)], as: UTF8.self)
    }
}

/// Contractions and possessives, split the way a reader means them.
enum Contractions {
    private static let table: [String: (String, String)] = [
        "don't": ("do", "not"), "doesn't": ("does", "not"), "didn't": ("did", "not"), "can't": ("can", "not"),
        "won't": ("will", "not"), "shouldn't": ("should", "not"), "mustn't": ("must", "not"),
        "isn't": ("is", "not"), "aren't": ("are", "not"), "wouldn't": ("would", "not"), "couldn't": ("could", "not"),
        "wasn't": ("was", "not"), "weren't": ("were", "not"), "hasn't": ("has", "not"), "haven't": ("have", "not"),
    ]
    private static let byHash: WordMap<(UInt64, UInt64)> = WordMap(table.map { ($0.key, (WordHash.of($0.value.0), WordHash.of($0.value.1))) })
    private static let spellings: WordMap<String> = WordMap(hashed: table.values.flatMap { [(WordHash.of($0.0), $0.0), (WordHash.of($0.1), $0.1)] })

    /// The two word hashes of a contraction in `f[from..<to]`.
    static func split(_ f: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (UInt64, UInt64)? {
        byHash[WordHash.of(f, from: from, to: to)]
    }

    /// True when `f[from..<to]` ends in a possessive `'s` (the owner is the word without it).
    static func isPossessive(_ f: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        to - from > 2 && f[to - 2] == 0x27 && f[to - 1] == 0x73
    }

    /// French and Italian articles and pronouns that elide before a vowel (l', d', qu', dell', …).
    private static let elisions: Set<[UInt8]> = Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu",
                                                     "un", "all", "dell", "dall", "nell", "sull", "coll", "quest", "quell", "nessun"].map { Array($0.utf8) })

    /// The offset of the apostrophe when `f[from..<to]` starts with an elided article ("l'utilisateur").
    static func elision(_ f: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        var k = from
        while k < to && k - from <= 6 && f[k] != 0x27 { k += 1 }
        guard k < to - 1, k > from, f[k] == 0x27, elisions.contains(Array(f[from..<k])) else { return nil }
        return k
    }

    /// How a contraction part is spelled (`not`), for messages.
    static func spelling(of hash: UInt64) -> String? { spellings[hash] }
}

extension TokenizedText {
    /// The word index `n` words after `i`, counting a contraction ("doesn't" → does, not) as one word,
    /// as a reader counts words.
    func wordPosition(_ i: Int, plus n: Int) -> Int {
        var k = i
        var left = n
        while left > 0 && k < words.count {
            let w = words[k]
            k += 1
            if w.flags.contains(.contraction), k < words.count, words[k].start == w.start, words[k].flags.contains(.contraction) { k += 1 }
            left -= 1
        }
        return left > 0 ? k + left : k
    }
}
