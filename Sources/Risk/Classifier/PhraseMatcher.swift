/// Finds multi-word phrases in prose words without regular expressions.
///
/// A phrase is written as words separated by spaces; a word ending in `~` matches any word starting with
/// it (`irreversibl~`), and `*` matches up to two words of any kind (`place * order`).
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    /// One part of a phrase, read once when compiling (not on every comparison).
    enum Part: Sendable {
        case word(String)
        case prefix(String)
        case gap
    }
    struct Pattern: Sendable {
        let parts: [Part]
        let payload: Payload
        let text: String
    }
    private let byFirstWord: [String: [Pattern]]
    private let byFirstPrefix: [Pattern]

    /// A matcher for `(phrase, payload)` pairs, compiled once.
    public init(_ phrases: [(String, Payload)]) {
        var byFirstWord: [String: [Pattern]] = [:]
        var byFirstPrefix: [Pattern] = []
        for (text, payload) in phrases {
            let words = text.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            let parts = words.map { w -> Part in w == "*" ? .gap : w.hasSuffix("~") ? .prefix(String(w.dropLast())) : .word(w) }
            let pattern = Pattern(parts: parts, payload: payload, text: text)
            if first.hasSuffix("~") { byFirstPrefix.append(pattern) } else { byFirstWord[first, default: []].append(pattern) }
        }
        self.byFirstWord = byFirstWord
        self.byFirstPrefix = byFirstPrefix
    }

    /// One match: the words it spans (inclusive) and the payload.
    public struct Match: Sendable {
        /// First word index.
        public var from: Int
        /// Last word index (inclusive).
        public var to: Int
        /// The phrase as written in the lexicon.
        public var phrase: String
        /// What the phrase means.
        public var payload: Payload
    }

    /// Every match in `words` (lowercase texts), in order of position.
    public func matches(in words: [String]) -> [Match] {
        var out: [Match] = []
        for start in words.indices {
            for p in byFirstWord[words[start]] ?? [] {
                if let end = match(p.parts[...], words, start) { out.append(Match(from: start, to: end, phrase: p.text, payload: p.payload)) }
            }
            for p in byFirstPrefix {
                if let end = match(p.parts[...], words, start) { out.append(Match(from: start, to: end, phrase: p.text, payload: p.payload)) }
            }
        }
        return out
    }

    private func match(_ parts: ArraySlice<Part>, _ words: [String], _ start: Int) -> Int? {
        var i = start
        var k = parts.startIndex
        while k < parts.endIndex {
            let ok: Bool
            switch parts[k] {
            case .gap:
                // Try skipping zero, one or two words before the next part.
                for skip in 0...2 where i + skip <= words.count {
                    if let end = match(parts[(k + 1)...], words, i + skip) { return end }
                }
                return nil
            case .word(let w):
                guard i < words.count else { return nil }
                ok = words[i] == w
            case .prefix(let p):
                guard i < words.count else { return nil }
                ok = WordPrefix.matches(words[i], p)
            }
            guard ok else { return nil }
            i += 1; k += 1
        }
        return i > start ? i - 1 : nil
    }
}
