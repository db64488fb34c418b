/// The words the threat rules understand, in English, Spanish, German, French, Italian, Portuguese,
/// Russian, Japanese, Chinese and Korean, each mapped to a `Concept`. Written in the one pattern syntax
/// (`Pattern`); Han, kana and hangul alternatives are spelled as written (the tokenizer makes each of
/// their scalars a word, and the pattern splits an alternative the same way). Compiled into the phrase
/// book with every other list, so one pass over a text finds all of them. For brevity a line may hold
/// several patterns separated by ` / `.
enum ThreatLexicon {
    /// Every pattern and its concept.
    static let phrases = PhraseList<Concept>(.threatConcepts, entries, boundedBySentence: true)

    /// The lists by concept, in the order of `Concept`.
    static let entries: [(String, Concept)] = {
        var all: [(String, Concept)] = []
        for (concept, patterns) in framing + targets + acts + context {
            for line in patterns {
                for p in Self.phrases(in: line) { all.append((p, concept)) }
            }
        }
        return all
    }()

    /// The patterns of one lexicon line (`a b / c d` holds two).
    static func phrases(in line: String) -> [String] {
        var out: [String] = []
        var current = ""
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        for part in parts {
            if part == "/" {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current += current.isEmpty ? String(part) : " " + part
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The concepts found in `text`, by sentence, with the words each hit spans.
    static func read(_ text: TokenizedText) -> ConceptReading { ConceptReading(text) }
}

/// The concepts of one text: which meet in each sentence, and every hit in order.
struct ConceptReading: Sendable {
    /// One concept found, and the words it spans (inclusive).
    struct Hit: Sendable, Hashable {
        let concept: Concept
        let from: Int, to: Int
    }

    /// Every hit, in order of position.
    let hits: [Hit]
    /// The concepts of each sentence (by the tokenizer's sentence number).
    let sentences: [ConceptSet]
    /// The concepts of the whole text.
    let all: ConceptSet

    init(_ text: TokenizedText) {
        let found = text.hits(ThreatLexicon.phrases)
        var hits: [Hit] = []
        hits.reserveCapacity(found.count)
        let payloads = ThreatLexicon.phrases.payloads
        let count = text.words.last.map { Int($0.sentence) + 1 } ?? 0
        var sentences = [ConceptSet](repeating: ConceptSet(), count: count)
        var all = ConceptSet()
        for h in found {
            let concept = payloads[h.pattern]
            hits.append(Hit(concept: concept, from: h.from, to: h.to))
            sentences[Int(text.words[h.from].sentence)].insert(concept)
            all.insert(concept)
        }
        self.hits = hits
        self.sentences = sentences
        self.all = all
    }

    /// An empty reading.
    init() { hits = []; sentences = []; all = ConceptSet() }

    /// The concepts of sentence `s` (empty past the end).
    func concepts(of s: Int) -> ConceptSet { s >= 0 && s < sentences.count ? sentences[s] : ConceptSet() }

    /// The first hit of `concept` in sentence `s` of `text`.
    func first(_ concept: Concept, in s: Int, of text: TokenizedText) -> Hit? {
        hits.first { $0.concept == concept && Int(text.words[$0.from].sentence) == s }
    }

    /// The first hit of `concept` anywhere.
    func first(_ concept: Concept) -> Hit? { hits.first { $0.concept == concept } }
}
