/// A rule's list of phrases and what each means, in the one `Pattern` syntax. Every list is registered
/// under a `PhraseKey` and compiled with all the others into the `PhraseBook`, so one pass over a text
/// finds every phrase of every rule.
final class PhraseList<Payload: Sendable>: AnyPhraseList, @unchecked Sendable {
    /// The list's place in the book.
    let key: PhraseKey
    /// The patterns, in the order written.
    let patterns: [Pattern]
    /// What each pattern means.
    let payloads: [Payload]
    /// True when a match may not run past the end of the sentence it starts in (`~N` gaps included).
    let boundedBySentence: Bool

    /// A list of `(pattern, payload)` entries.
    init(_ key: PhraseKey, _ entries: [(String, Payload)], boundedBySentence: Bool = false) {
        self.key = key
        patterns = entries.map { Pattern($0.0) }
        payloads = entries.map(\.1)
        self.boundedBySentence = boundedBySentence
    }
}

extension PhraseList where Payload == Void {
    /// A list of patterns that mean one thing.
    convenience init(_ key: PhraseKey, _ patterns: [String]) { self.init(key, patterns.map { ($0, ()) }) }
}

/// What the book needs of a list.
protocol AnyPhraseList: Sendable {
    var key: PhraseKey { get }
    var patterns: [Pattern] { get }
    var boundedBySentence: Bool { get }
}

/// One phrase found in a text: which list and pattern, and the words it spans (inclusive).
struct PhraseHit: Sendable, Hashable {
    /// Index of the pattern in its list.
    let pattern: Int
    /// First and last word.
    let from: Int, to: Int
}

/// Every registered phrase list, compiled once per process into an index by opening word.
struct PhraseBook: Sendable {
    /// A pattern that may open at a word: its list and place.
    private struct Candidate: Sendable {
        let list: Int32
        let pattern: Int32
        /// Its place in `flat` (list by list, in order, so it orders candidates as `(list, pattern)` does).
        let flat: Int32
    }
    /// Per opening word hash, its candidates: a range of `openers`.
    private let byOpeningWord: WordMap<Range<Int32>>
    /// One bit per opening word's hash bits (`filterBit`): small enough to stay in cache, so most words,
    /// which open no pattern, cost no probe of `byOpeningWord`.
    private let openingFilter: [UInt64]
    private let openers: [Candidate]
    /// Patterns that open with a prefix (`instruct*`), as a trie over the prefixes' bytes, so a word walks
    /// its own bytes once instead of comparing every prefix.
    private let prefixes: PrefixTrie<Candidate>
    private let patterns: [[Pattern]]
    /// Every list's patterns one after another, matched in place (a copy per match would retain its arrays).
    private let flat: [Pattern]
    /// Lists whose matches stay inside one sentence.
    private let bounded: [Bool]

    /// The book of every list named in `PhraseKey`.
    static let shared = PhraseBook(PhraseKey.allCases.map(\.list))

    init(_ lists: [any AnyPhraseList]) {
        var patterns = Array(repeating: [Pattern](), count: lists.count)
        var bounded = Array(repeating: false, count: lists.count)
        for list in lists {
            let l = list.key.rawValue
            patterns[l] = list.patterns
            bounded[l] = list.boundedBySentence
        }
        var starts: [Int] = []
        var total = 0
        for list in patterns { starts.append(total); total += list.count }
        // Every (opening word, pattern) pair in one flat array, sorted and made unique below, rather than an
        // array per word: the book is compiled at every start.
        var exact: [(hash: UInt64, candidate: Candidate)] = []
        exact.reserveCapacity(total * 4)
        var prefixed: [(prefix: [UInt8], value: Candidate)] = []
        for (l, list) in patterns.enumerated() {
            for (p, pattern) in list.enumerated() {
                let candidate = Candidate(list: Int32(l), pattern: Int32(p), flat: Int32(starts[l] + p))
                for slot in pattern.openingSlots {
                    for h in slot.exact { exact.append((h, candidate)) }
                    for sequence in slot.sequences { exact.append((sequence[0], candidate)) }
                    for prefix in slot.prefixes where !prefix.isEmpty { prefixed.append((prefix, candidate)) }
                }
            }
        }
        exact.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.candidate.flat < $1.candidate.flat }
        var openers: [Candidate] = []
        openers.reserveCapacity(exact.count)
        var ranges: [(UInt64, Range<Int32>)] = []
        var i = 0
        while i < exact.count {
            let h = exact[i].hash, first = openers.count
            while i < exact.count && exact[i].hash == h {
                if openers.count == first || openers[openers.count - 1].flat != exact[i].candidate.flat { openers.append(exact[i].candidate) }
                i += 1
            }
            ranges.append((h, Int32(first)..<Int32(openers.count)))
        }
        byOpeningWord = WordMap(hashed: ranges)
        var filter = [UInt64](repeating: 0, count: Self.filterBits / 64)
        for (h, _) in ranges { let b = Self.filterBit(h); filter[b >> 6] |= 1 << UInt64(b & 63) }
        openingFilter = filter
        self.openers = openers
        prefixes = PrefixTrie(prefixed)
        self.patterns = patterns
        flat = patterns.flatMap { $0 }
        self.bounded = bounded
    }

    /// The size of `openingFilter`, in bits.
    private static let filterBits = 1 << 16

    /// The bit of `openingFilter` for a word hash (high bits: the table probes with the low ones).
    @inline(__always) private static func filterBit(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h >> 40) & (filterBits - 1) }

    /// Every match of every pattern at every starting word, grouped by list.
    func scan(_ text: TokenizedText) -> [[PhraseHit]] {
        // Most texts hold no phrase: the lists are made at the first hit (none: `[]`, which `hits` reads as empty).
        var out: [[PhraseHit]] = []
        let words = text.words
        let end = words.count
        var seen: [Candidate] = []
        var sentenceEnd = 0
        for i in 0..<end {
            let w = words[i]
            seen.removeAll(keepingCapacity: true)
            let bit = Self.filterBit(w.hash)
            if openingFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let range = byOpeningWord[w.hash] { seen += openers[Int(range.lowerBound)..<Int(range.upperBound)] }
            if !w.flags.contains(.contraction) {
                text.folded.withUnsafeBufferPointer { f in prefixes.each(in: f, from: Int(w.start), to: Int(w.end)) { seen.append($0) } }
            }
            guard !seen.isEmpty else { continue }
            if seen.count > 1 { seen.sort { $0.flat < $1.flat } }
            var last: Candidate?
            if sentenceEnd <= i {
                sentenceEnd = i + 1
                while sentenceEnd < end && words[sentenceEnd].sentence == w.sentence { sentenceEnd += 1 }
            }
            flat.withUnsafeBufferPointer { flat in
                for c in seen {
                    if let l = last, l.flat == c.flat { continue }
                    last = c
                    let list = Int(c.list)
                    if let e = flat[Int(c.flat)].match(text, slot: 0, at: i, end: bounded[list] ? sentenceEnd : end), e > i {
                        if out.isEmpty { out = Array(repeating: [], count: patterns.count) }
                        out[list].append(PhraseHit(pattern: Int(c.pattern), from: i, to: e - 1))
                    }
                }
            }
        }
        return out
    }
}
