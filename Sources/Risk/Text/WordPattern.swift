/// A phrase pattern over words, cheaper and clearer than a regular expression for rule word lists.
///
/// Written as space-separated slots: `ignore|disregard (all|any)? previous|prior instructions*`.
/// A slot lists alternatives with `|`; `(…)?` makes it optional; a trailing `*` on an alternative
/// matches any word starting with it; `~N` lets up to N arbitrary words stand between neighbours.
/// Matching is case-insensitive, across any punctuation and whitespace, with contractions expanded
/// ("don't" is "do not").
final class WordPattern: Sendable, CustomStringConvertible {
    /// A slot of word alternatives, held by reference: matching reads slots at every word of every
    /// text, and a reference costs one retain where the sets and lists inside would cost several.
    final class WordSlot: Sendable {
        let exact: Set<String>
        let prefixes: [String]
        let optional: Bool
        /// The exact alternatives, sorted, and the ASCII each needs: a text lacking those scalars rules
        /// the alternative out before any hashing.
        let exactWords: [String]
        let exactNeeds: [ASCIISet]
        /// The `WordBloom` bit of each exact alternative, or nil for one that is not ASCII (several
        /// spellings could be equal to it, so no single bit stands for it).
        let exactBits: [UInt8?]
        /// The ASCII each prefix needs.
        let prefixNeeds: [ASCIISet]
        /// The first bytes of the alternatives when all are ASCII and non-empty (nil otherwise): a word
        /// starting with another byte is turned down without hashing.
        let starts: ASCIISet?

        init(exact: Set<String>, prefixes: [String], optional: Bool) {
            self.exact = exact
            self.prefixes = prefixes
            self.optional = optional
            exactWords = exact.sorted()
            exactNeeds = exactWords.map { ASCIISet($0.unicodeScalars) }
            exactBits = exactWords.map { word in word.utf8.allSatisfy { $0 < 0x80 } ? WordBloom.bit(of: word) : nil }
            prefixNeeds = prefixes.map { ASCIISet($0.unicodeScalars) }
            var starts: ASCIISet? = ASCIISet()
            for alternative in exact.sorted() + prefixes {
                guard let first = alternative.unicodeScalars.first, alternative.utf8.allSatisfy({ $0 < 0x80 }) else { starts = nil; break }
                starts?.insert(first)
            }
            self.starts = starts
        }

        /// False when `word` cannot be one of the alternatives, judged by its first byte.
        @inline(__always) func mayStart(_ word: String) -> Bool {
            guard let starts, let first = word.utf8.first else { return true }
            return starts.contains(byte: first)
        }

        /// False when no word of `text` is one of the alternatives.
        func mayOccur(in text: FoldedText) -> Bool {
            let present = text.asciiPresent
            for i in exactNeeds.indices where exactNeeds[i].isSubset(of: present) {
                if let bit = exactBits[i], !text.wordBloom.mayContain(bit: bit) { continue }
                if text.wordSet.contains(exactWords[i]) { return true }
            }
            for i in prefixNeeds.indices where prefixNeeds[i].isSubset(of: present) {
                let prefix = prefixes[i]
                if text.wordSet.contains(where: { WordPrefix.matches($0, prefix) }) { return true }
            }
            return false
        }

        /// True when `word` is one of the alternatives.
        func accepts(_ word: String) -> Bool {
            mayStart(word) && (exact.contains(word) || prefixes.contains { WordPrefix.matches(word, $0) })
        }
    }

    enum Slot: Sendable {
        case words(WordSlot)
        case gap(Int)
    }

    /// The pattern's source text.
    let description: String
    /// The slots in order.
    let slots: [Slot]
    /// The required word slots, those without prefixes first (see `mayMatch`).
    let requiredSlots: [WordSlot]

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
            return .words(WordSlot(exact: exact, prefixes: prefixes, optional: optional))
        }
        let required: [WordSlot] = slots.compactMap { slot in
            guard case .words(let words) = slot, !words.optional else { return nil }
            return words
        }
        requiredSlots = required.filter { $0.prefixes.isEmpty } + required.filter { !$0.prefixes.isEmpty }
    }

    /// False when a required slot has no word in `text`, so the pattern cannot match there.
    func mayMatch(_ text: FoldedText) -> Bool {
        // Slots without prefixes first: they cost a few hash look-ups, a prefix costs a scan of the words.
        for slot in requiredSlots where !slot.mayOccur(in: text) { return false }
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
        case .words(let alternatives):
            if at < words.count, alternatives.accepts(words[at].text), let end = match(words, slot: slot + 1, at: at + 1) {
                return end
            }
            // A pattern must start with a real word, so an optional first slot may be skipped only
            // when something follows.
            return alternatives.optional ? match(words, slot: slot + 1, at: at) : nil
        }
    }
}

extension Array where Element == WordPattern {
    /// Every match of every pattern, ordered by position.
    func matches(in text: FoldedText) -> [(pattern: WordPattern, range: Range<Int>)] {
        var out: [(pattern: WordPattern, range: Range<Int>)] = []
        // Most patterns cannot match a given text (`mayMatch`); nothing is collected for those.
        for p in self {
            for range in p.matches(in: text) { out.append((p, range)) }
        }
        return out.isEmpty ? out : out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
