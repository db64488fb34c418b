/// Finds multi-word phrases in prose words without regular expressions.
///
/// A phrase is written as words separated by spaces; a word ending in `~` matches any word starting with
/// it (`irreversibl~`), and `*` matches up to two words of any kind (`place * order`).
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    struct Pattern: Sendable {
        let parts: [String]
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
            let parts = text.split(separator: " ").map(String.init)
            guard let first = parts.first else { continue }
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

    private func match(_ parts: ArraySlice<String>, _ words: [String], _ start: Int) -> Int? {
        var i = start
        var k = parts.startIndex
        while k < parts.endIndex {
            let part = parts[k]
            if part == "*" {
                // Try skipping zero, one or two words before the next part.
                for skip in 0...2 where i + skip <= words.count {
                    if let end = match(parts[(k + 1)...], words, i + skip) { return end }
                }
                return nil
            }
            guard i < words.count else { return nil }
            let ok = part.hasSuffix("~") ? words[i].hasPrefix(String(part.dropLast())) : words[i] == part
            guard ok else { return nil }
            i += 1; k += 1
        }
        return i > start ? i - 1 : nil
    }
}
