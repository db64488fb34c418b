/// The key every word is compared by: a 64-bit hash of its folded (lowercase) UTF-8 bytes. Tokens carry
/// it, word sets and phrase slots hold it, so a comparison is one integer test and no word is ever
/// built as a `String` to be looked up.
enum WordHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of folded bytes (the tokenizer's output is already lowercase).
    @inline(__always) static func of(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> UInt64 {
        var h = seed
        var i = from
        while i < to { h = (h ^ UInt64(bytes[i])) &* prime; i += 1 }
        return finish(h, length: to - from)
    }

    /// The hash of a word as written in a lexicon: folded the way the tokenizer folds text.
    static func of(_ word: String) -> UInt64 {
        let folded = Tokenizer.foldedBytes(of: word)
        return folded.withUnsafeBufferPointer { of($0, from: 0, to: $0.count) }
    }

    /// Mixes in the length and spreads the bits, so open-addressing tables can use the low bits.
    @inline(__always) static func finish(_ h: UInt64, length: Int) -> UInt64 {
        var x = h ^ UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 31
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 29
        return x | 1   // never 0: 0 marks an empty slot
    }
}

/// An immutable set of words, compiled once: membership is a probe of an open-addressing table of hashes.
struct WordSet: Sendable, CustomStringConvertible {
    private let slots: [UInt64]
    private let mask: Int
    /// The words as written (sorted), for documentation and messages.
    let words: [String]
    /// Their hashes, in the same order.
    let hashes: [UInt64]

    /// A set of `words` (folded as text is folded).
    init(_ words: some Sequence<String>) {
        let list = Array(Set(words)).sorted()
        self.words = list
        self.hashes = list.map(WordHash.of)
        var capacity = 8
        while capacity < list.count * 2 + 2 { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for w in list {
            let h = WordHash.of(w)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 && slots[i] != h { i = (i + 1) & mask }
            slots[i] = h
        }
        self.slots = slots
        self.mask = mask
    }

    /// True when the word with hash `h` is in the set.
    @inline(__always) func contains(_ h: UInt64) -> Bool {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == h { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// True when `word` (as written in a lexicon) is in the set.
    func contains(word: String) -> Bool { contains(WordHash.of(word)) }

    /// True when the set has no word.
    var isEmpty: Bool { words.isEmpty }

    /// The set with the words of `other` added.
    func union(_ other: WordSet) -> WordSet { WordSet(words + other.words) }

    var description: String { words.joined(separator: ", ") }
}

extension WordSet: ExpressibleByArrayLiteral {
    /// A set written as a list of words.
    init(arrayLiteral elements: String...) { self.init(elements) }
}

/// An immutable map from words to values, compiled once (a lexicon's entries, a phrase index's first words).
struct WordMap<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let mask: Int

    /// A map of `pairs` (a later pair with the same word is ignored: the first spelling wins).
    init(_ pairs: [(String, Value)]) {
        self.init(hashed: pairs.map { (WordHash.of($0.0), $0.1) })
    }

    /// A map keyed by hashes already computed.
    init(hashed pairs: [(UInt64, Value)]) {
        var capacity = 8
        while capacity < pairs.count * 2 + 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        let mask = capacity - 1
        for (h, v) in pairs {
            var i = Int(truncatingIfNeeded: h) & mask
            while keys[i] != 0 && keys[i] != h { i = (i + 1) & mask }
            if keys[i] == h { continue }
            keys[i] = h
            values[i] = v
        }
        self.keys = keys
        self.values = values
        self.mask = mask
    }

    /// The value for the word with hash `h`.
    @inline(__always) subscript(_ h: UInt64) -> Value? {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = keys[i]
            if k == h { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// The value for `word` as written in a lexicon.
    subscript(word word: String) -> Value? { self[WordHash.of(word)] }
}

/// A fixed sequence of words (`payment method`), compiled once, compared with a text's word hashes.
struct WordSequence: Sendable {
    /// The word hashes, in order.
    let hashes: [UInt64]
    /// The words as written.
    let written: String

    /// The words of `phrase` (split by the tokenizer, so `payment_method` and `payment method` are alike).
    init(_ phrase: String) {
        written = phrase
        hashes = TokenizedText(phrase, mode: .identifier).words.map(\.hash)
    }

    /// True when `words` ends with this sequence.
    func isSuffix(of words: [UInt64]) -> Bool { words.count >= hashes.count && Array(words.suffix(hashes.count)) == hashes }
    /// True when `words` is exactly this sequence.
    func equals(_ words: [UInt64]) -> Bool { words == hashes }
    /// True when this sequence occurs in `words`.
    func occurs(in words: [UInt64]) -> Bool {
        guard words.count >= hashes.count, !hashes.isEmpty else { return false }
        return (0...(words.count - hashes.count)).contains { Array(words[$0..<($0 + hashes.count)]) == hashes }
    }
}
