/// Prose (a description) split once into lowercase words with their original spans, and sentences.
///
/// Scanning works over Unicode scalars by hand: no regular expressions, one pass per text.
public struct ProseWords: Sendable {
    /// One word: lowercase text, where it sits in the original scalars, which sentence holds it.
    public struct Word: Sendable, Hashable {
        /// The word, lowercased; apostrophes kept (`doesn't`), hyphens split words.
        public var text: String
        /// Scalar offsets of the word in the original text.
        public var start: Int, end: Int
        /// Index of the sentence (0 = first).
        public var sentence: Int
    }

    /// The original text as scalars (bounded).
    public let scalars: [Unicode.Scalar]
    /// Every word, in order.
    public let words: [Word]

    /// The longest text scanned; the rest of a huge description adds no evidence.
    public static let maxScalars = 8_192

    /// Splits `text` into words and sentences.
    public init(_ text: String) {
        let scalars = ScalarClass.scalars(of: text, limit: ProseWords.maxScalars)
        var words: [Word] = []
        var sentence = 0
        var start = -1
        var sawWordInSentence = false
        func flush(_ end: Int) {
            guard start >= 0 else { return }
            let text = ScalarClass.lowercased(scalars[start..<end])
            words.append(Word(text: text, start: start, end: end, sentence: sentence))
            start = -1
            sawWordInSentence = true
        }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let wordy = ScalarClass.isLetter(c) || c == "_" || ScalarClass.isDigit(c)
            let apostrophe = (c == "'" || c == "\u{2019}") && start >= 0 && i + 1 < scalars.count && ScalarClass.isLetter(scalars[i + 1])
            if wordy || apostrophe {
                if start < 0 { start = i }
            } else {
                flush(i)
                // A sentence ends at . ! ? followed by whitespace, or at a blank line or a list line.
                if sawWordInSentence {
                    let next = i + 1 < scalars.count ? scalars[i + 1] : " "
                    if (c == "." || c == "!" || c == "?" || c == ";") && ScalarClass.isSpace(next) {
                        sentence += 1; sawWordInSentence = false
                    } else if c == "\n" && (next == "\n" || next == "-" || next == "*" || next == "#" || next == " " || ScalarClass.isUpper(next)) {
                        sentence += 1; sawWordInSentence = false
                    }
                }
            }
            i += 1
        }
        flush(scalars.count)
        self.scalars = scalars
        self.words = words
    }

    /// The original text of words `from...to` (inclusive), for quoting.
    public func quote(_ from: Int, _ to: Int) -> String {
        guard from >= 0, to < words.count, from <= to else { return "" }
        return String(String.UnicodeScalarView(scalars[words[from].start..<words[to].end]))
    }

    /// True when the first non-space scalar after word `i` is `c` (e.g. a `:` closing a label).
    public func isFollowed(_ i: Int, by c: Unicode.Scalar) -> Bool {
        var k = words[i].end
        while k < scalars.count, scalars[k] == " " { k += 1 }
        return k < scalars.count && scalars[k] == c
    }

    /// True when word `i` is wrapped in backticks or quotes (`` `publish` ``, "delete").
    public func isQuoted(_ i: Int) -> Bool {
        let w = words[i]
        guard w.start > 0, w.end < scalars.count else { return false }
        let before = scalars[w.start - 1], after = scalars[w.end]
        return before == after && (before == "`" || before == "'" || before == "\"")
    }

    /// Indices of the words of the first sentence.
    public var firstSentence: Range<Int> {
        let end = words.firstIndex { $0.sentence > 0 } ?? words.count
        return 0..<end
    }
}
