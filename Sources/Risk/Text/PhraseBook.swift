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

    /// A list of `(pattern, payload)` entries.
    init(_ key: PhraseKey, _ entries: [(String, Payload)]) {
        self.key = key
        patterns = entries.map { Pattern($0.0) }
        payloads = entries.map(\.1)
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
        let list: Int
        let pattern: Int
    }
    private let byOpeningWord: WordMap<[Candidate]>
    private let byOpeningPrefix: [(prefix: [UInt8], candidate: Candidate)]
    private let patterns: [[Pattern]]

    /// The book of every list named in `PhraseKey`.
    static let shared = PhraseBook(PhraseKey.allCases.map(\.list))

    init(_ lists: [any AnyPhraseList]) {
        var exact: [UInt64: [Candidate]] = [:]
        var prefixed: [(prefix: [UInt8], candidate: Candidate)] = []
        var patterns = Array(repeating: [Pattern](), count: lists.count)
        for list in lists {
            let l = list.key.rawValue
            patterns[l] = list.patterns
            for (p, pattern) in list.patterns.enumerated() {
                let candidate = Candidate(list: l, pattern: p)
                for slot in pattern.openingSlots {
                    for h in slot.exact where !(exact[h]?.contains { $0.list == l && $0.pattern == p } ?? false) {
                        exact[h, default: []].append(candidate)
                    }
                    for prefix in slot.prefixes { prefixed.append((prefix, candidate)) }
                }
            }
        }
        byOpeningWord = WordMap(hashed: exact.map { ($0.key, $0.value) })
        byOpeningPrefix = prefixed
        self.patterns = patterns
    }

    /// Every match of every pattern at every starting word, grouped by list.
    func scan(_ text: TokenizedText) -> [[PhraseHit]] {
        var out = Array(repeating: [PhraseHit](), count: patterns.count)
        let words = text.words
        let end = words.count
        var seen: [Candidate] = []
        for i in 0..<end {
            let w = words[i]
            seen.removeAll(keepingCapacity: true)
            if let candidates = byOpeningWord[w.hash] { seen += candidates }
            if !byOpeningPrefix.isEmpty, !w.flags.contains(.contraction) {
                let start = Int(w.start), length = Int(w.end) - start
                text.folded.withUnsafeBufferPointer { f in
                    for (prefix, c) in byOpeningPrefix where prefix.count <= length && f[start] == prefix[0] {
                        if prefix.indices.allSatisfy({ f[start + $0] == prefix[$0] }) { seen.append(c) }
                    }
                }
            }
            guard !seen.isEmpty else { continue }
            if seen.count > 1 { seen.sort { ($0.list, $0.pattern) < ($1.list, $1.pattern) } }
            var last: Candidate?
            for c in seen {
                if let l = last, l.list == c.list, l.pattern == c.pattern { continue }
                last = c
                if let e = patterns[c.list][c.pattern].match(text, slot: 0, at: i, end: end), e > i {
                    out[c.list].append(PhraseHit(pattern: c.pattern, from: i, to: e - 1))
                }
            }
        }
        return out
    }
}
