/// The one pattern syntax for word phrases, used by every rule's phrase list.
///
/// Space-separated slots: `ignore|disregard (all|any)? previous|prior instruction*`.
/// - A slot lists alternatives with `|`; a trailing `*` on an alternative matches any word starting with it.
/// - `(…)?` makes a slot optional.
/// - `~N` lets up to N arbitrary words stand between its neighbours.
/// Words are matched as the tokenizer folds them (lowercase, contractions split: write "do not", not
/// "don't"), across any punctuation and white space. An alternative the tokenizer splits into several
/// words (`e-mail`, or `無視` — a Han, kana or hangul scalar is a word of its own) matches those words
/// in a row, so phrases in scripts without spaces are written as they are spelled.
struct Pattern: Sendable, CustomStringConvertible {
    /// One slot.
    enum Slot: Sendable {
        case words(Alternatives)
        case gap(Int)
    }

    /// The alternatives of a word slot (a class, so a match step shares them rather than copying five arrays).
    final class Alternatives: Sendable {
        /// Hashes of the exact alternatives.
        let exact: [UInt64]
        /// Folded bytes of the prefix alternatives.
        let prefixes: [[UInt8]]
        /// Alternatives of several words (`e-mail`, `無視`), as word hashes in order.
        let sequences: [[UInt64]]
        /// True for `(…)?`.
        let optional: Bool

        init(exact: [UInt64], prefixes: [[UInt8]], sequences: [[UInt64]], optional: Bool) {
            self.exact = exact
            self.prefixes = prefixes
            self.sequences = sequences
            self.optional = optional
        }

        /// True when word `i` of `text` is one of the alternatives.
        @inline(__always) func accepts(_ text: TokenizedText, _ i: Int) -> Bool {
            let h = text.words[i].hash
            for e in exact where e == h { return true }
            guard !prefixes.isEmpty else { return false }
            let w = text.words[i]
            // A contraction part is spelled differently from its bytes; prefixes never name one.
            if w.flags.contains(.contraction) { return false }
            let start = Int(w.start), length = Int(w.end) - start
            return text.folded.withUnsafeBufferPointer { f in
                prefixes.contains { p in
                    p.count <= length && p.indices.allSatisfy { f[start + $0] == p[$0] }
                }
            }
        }
    }

    /// The source text.
    let description: String
    /// The slots in order.
    let slots: [Slot]

    /// Parses the syntax above (`Pattern+Parsing`).
    init(_ source: String) {
        description = source
        var bytes = source
        slots = bytes.withUTF8 { Self.slots(of: $0) }
    }

    /// The slots a match can start with: the first word slot, and the ones after it while they are optional.
    var openingSlots: [Alternatives] {
        var out: [Alternatives] = []
        for slot in slots {
            guard case .words(let alternatives) = slot else { break }
            out.append(alternatives)
            if !alternatives.optional { break }
        }
        return out
    }

    /// The word index after a match of `slots[slot...]` starting at word `at`, if they match.
    func match(_ text: TokenizedText, slot: Int, at: Int, end: Int) -> Int? {
        if slot == slots.count { return at }
        switch slots[slot] {
        case .gap(let n):
            var skip = 0
            while skip <= n && at + skip <= end {
                if let e = match(text, slot: slot + 1, at: at + skip, end: end) { return e }
                skip += 1
            }
            return nil
        case .words(let alternatives):
            if at < end, alternatives.accepts(text, at), let e = match(text, slot: slot + 1, at: at + 1, end: end) { return e }
            for sequence in alternatives.sequences where at + sequence.count <= end {
                var k = 0
                while k < sequence.count && text.words[at + k].hash == sequence[k] { k += 1 }
                if k == sequence.count, let e = match(text, slot: slot + 1, at: at + k, end: end) { return e }
            }
            // A pattern must start with a real word: an optional first slot is skipped only when more follows.
            return alternatives.optional ? match(text, slot: slot + 1, at: at, end: end) : nil
        }
    }
}
