/// A phrase pattern over words, cheaper and clearer than a regular expression for rule word lists.
///
/// Written as space-separated slots: `ignore|disregard (all|any)? previous|prior instructions*`.
/// A slot lists alternatives with `|`; `(…)?` makes it optional; a trailing `*` on an alternative
/// matches any word starting with it; `~N` lets up to N arbitrary words stand between neighbours.
/// Matching is case-insensitive, across any punctuation and whitespace, with contractions expanded
/// ("don't" is "do not").
struct WordPattern: Sendable, CustomStringConvertible {
    enum Slot: Sendable {
        case words(exact: Set<String>, prefixes: [String], optional: Bool)
        case gap(Int)
    }

    /// A required slot as `mayMatch` checks it: each alternative with the ASCII it needs, so a text
    /// lacking those scalars rules the alternative out before any hashing or prefix scan.
    struct RequiredSlot: Sendable {
        let exact: [(word: String, ascii: ASCIISet)]
        let prefixes: [(prefix: String, ascii: ASCIISet)]
    }

    /// The pattern's source text.
    let description: String
    let slots: [Slot]
    /// The required word slots, those without prefixes first (see `mayMatch`).
    let requiredSlots: [RequiredSlot]
    /// For each slot, the first bytes its alternatives start with, when all are ASCII and non-empty:
    /// a word starting otherwise is turned down without hashing.
    let slotStarts: [ASCIISet?]

    /// Parses the pattern syntax above.
    init(_ source: String) {
        description = source
        slots = source.split(separator: " ").map { token -> Slot in
            if token.hasPrefix("~"), let n = Int(token.dropFirst()) { return .gap(n) }
            var body = Substring(token)
            var optional = false
            if body.hasPrefix("("), body.hasSuffix(")?") {
                body = body.dropFirst().dropLast(2)
                optional = true
            }
            var exact = Set<String>()
            var prefixes: [String] = []
            for alt in body.split(separator: "|") {
                if alt.hasSuffix("*") { prefixes.append(alt.dropLast().lowercased()) } else { exact.insert(alt.lowercased()) }
            }
            return .words(exact: exact, prefixes: prefixes, optional: optional)
        }
        let required: [RequiredSlot] = slots.compactMap { slot in
            guard case .words(let exact, let prefixes, let optional) = slot, !optional else { return nil }
            return RequiredSlot(exact: exact.sorted().map { ($0, ASCIISet($0.unicodeScalars)) },
                                prefixes: prefixes.map { ($0, ASCIISet($0.unicodeScalars)) })
        }
        requiredSlots = required.filter { $0.prefixes.isEmpty } + required.filter { !$0.prefixes.isEmpty }
        slotStarts = slots.map { slot in
            guard case .words(let exact, let prefixes, _) = slot else { return nil }
            var starts = ASCIISet()
            for alternative in Array(exact) + prefixes {
                guard let first = alternative.unicodeScalars.first, alternative.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
                starts.insert(first)
            }
            return starts
        }
    }

    /// False when a required slot has no word in `text`, so the pattern cannot match there.
    func mayMatch(_ text: FoldedText) -> Bool {
        // Slots without prefixes first: they cost a few hash look-ups, a prefix costs a scan of the words.
        let present = text.asciiPresent
        for slot in requiredSlots {
            let hasExact = slot.exact.contains { $0.ascii.isSubset(of: present) && text.wordSet.contains($0.word) }
            if !hasExact, !slot.prefixes.contains(where: { p in
                p.ascii.isSubset(of: present) && text.wordSet.contains { WordPrefix.matches($0, p.prefix) }
            }) {
                return false
            }
        }
        return true
    }


    /// Every match in `text`, as original scalar ranges; matches do not overlap.
    func matches(in text: FoldedText) -> [Range<Int>] {
        guard mayMatch(text) else { return [] }
        var out: [Range<Int>] = []
        var start = 0
        let words = text.words
        while start < words.count {
            if let end = match(words, slot: 0, at: start), end > start {
                out.append(words[start].range.lowerBound..<words[end - 1].range.upperBound)
                start = end
            } else {
                start += 1
            }
        }
        return out
    }

    /// The first match, if any.
    func firstMatch(in text: FoldedText) -> Range<Int>? { matches(in: text).first }

    /// The word index after a match of `slots[slot...]` starting at word `at`, if they match.
    private func match(_ words: [FoldedText.Word], slot: Int, at: Int) -> Int? {
        if slot == slots.count { return at }
        switch slots[slot] {
        case .gap(let n):
            for skip in 0...n where at + skip <= words.count {
                if let end = match(words, slot: slot + 1, at: at + skip) { return end }
            }
            return nil
        case .words(let exact, let prefixes, let optional):
            if at < words.count, mayStart(slot, words[at].text), WordPattern.accepts(words[at].text, exact: exact, prefixes: prefixes),
               let end = match(words, slot: slot + 1, at: at + 1) {
                return end
            }
            // A pattern must start with a real word, so an optional first slot may be skipped only
            // when something follows.
            return optional ? match(words, slot: slot + 1, at: at) : nil
        }
    }

    /// False when `word` cannot be an alternative of slot `slot`, judged by its first byte.
    @inline(__always) private func mayStart(_ slot: Int, _ word: String) -> Bool {
        guard let starts = slotStarts[slot], let first = word.utf8.first else { return true }
        return starts.contains(byte: first)
    }

    private static func accepts(_ word: String, exact: Set<String>, prefixes: [String]) -> Bool {
        exact.contains(word) || prefixes.contains { WordPrefix.matches(word, $0) }
    }
}

extension Array where Element == WordPattern {
    /// Every match of every pattern, ordered by position.
    func matches(in text: FoldedText) -> [(pattern: WordPattern, range: Range<Int>)] {
        var out: [(pattern: WordPattern, range: Range<Int>)] = []
        // Most patterns cannot match a given text; rule them out before collecting anything.
        for p in self where p.mayMatch(text) {
            for range in p.matches(in: text) { out.append((p, range)) }
        }
        return out.isEmpty ? out : out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
