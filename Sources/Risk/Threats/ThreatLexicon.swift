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

    /// The patterns of one lexicon line (`a b / c d` holds two), each its words joined by one space. Read
    /// from the line's bytes (six hundred lines at every start): a pattern is made once, not word by word.
    static func phrases(in line: String) -> [String] {
        var out: [String] = []
        var line = line
        line.withUTF8 { bytes in
            var current: [UInt8] = []
            current.reserveCapacity(bytes.count)
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                if end - start == 1 && bytes[start] == 0x2F {
                    if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
                    current.removeAll(keepingCapacity: true)
                } else if end > start {
                    if !current.isEmpty { current.append(0x20) }
                    current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                }
                start = end + 1
            }
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        }
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
    /// The indices in `hits` of each sentence's hits (hits are ordered by their first word, and sentences
    /// by word, so each sentence's hits are contiguous): per-sentence questions cost that sentence's hits.
    let sentenceHits: [Range<Int>]
    /// The indices in the text's words of each sentence's words.
    let sentenceWords: [Range<Int>]

    init(_ text: TokenizedText) {
        let found = text.hits(ThreatLexicon.phrases)
        var hits: [Hit] = []
        hits.reserveCapacity(found.count)
        let payloads = ThreatLexicon.phrases.payloads
        let count = text.words.last.map { Int($0.sentence) + 1 } ?? 0
        var sentences = [ConceptSet](repeating: ConceptSet(), count: count)
        var all = ConceptSet()
        for h in found { hits.append(Hit(concept: payloads[h.pattern], from: h.from, to: h.to)) }
        if !hits.isEmpty, zip(hits, hits.dropFirst()).contains(where: { $0.from > $1.from }) { hits.sort { $0.from < $1.from } }
        // An act inside what is asked for is part of its name, not an act ("mot de passe", Portuguese "passe"):
        // one sweep, since hits are ordered by their first word.
        var reach = -1
        var kept: [Hit] = []
        kept.reserveCapacity(hits.count)
        var first = 0
        while first < hits.count {
            // Targets starting at this word first, so an act sharing their first word sees them.
            var j = first
            while j < hits.count, hits[j].from == hits[first].from { if Self.targets.contains(hits[j].concept) { reach = max(reach, hits[j].to) }; j += 1 }
            for h in hits[first..<j] where !(Self.acts.contains(h.concept) && h.to <= reach) { kept.append(h) }
            first = j
        }
        hits = kept
        for h in hits {
            sentences[Int(text.words[h.from].sentence)].insert(h.concept)
            all.insert(h.concept)
        }
        var hitRanges = [Range<Int>](repeating: 0..<0, count: count)
        var k = 0
        for s in 0..<count {
            let start = k
            while k < hits.count, Int(text.words[hits[k].from].sentence) == s { k += 1 }
            hitRanges[s] = start..<k
        }
        var wordRanges = [Range<Int>](repeating: 0..<0, count: count)
        var w = 0
        for s in 0..<count {
            let start = w
            while w < text.words.count, Int(text.words[w].sentence) == s { w += 1 }
            wordRanges[s] = start..<w
        }
        self.hits = hits
        self.sentences = sentences
        self.all = all
        sentenceHits = hitRanges
        sentenceWords = wordRanges
    }

    /// What is asked for, and the acts a word of its name may also spell.
    static let targets = ConceptSet([.secret, .privateData, .modelContext])
    static let acts = ConceptSet([.transfer, .read])

    /// An empty reading.
    init() { hits = []; sentences = []; all = ConceptSet(); sentenceHits = []; sentenceWords = [] }

    /// The concepts of sentence `s` (empty past the end).
    func concepts(of s: Int) -> ConceptSet { s >= 0 && s < sentences.count ? sentences[s] : ConceptSet() }

    /// The indices in `hits` of sentence `s`'s hits (empty past the end).
    func hitIndices(of s: Int) -> Range<Int> { s >= 0 && s < sentenceHits.count ? sentenceHits[s] : 0..<0 }

    /// The indices of sentence `s`'s words (empty past the end).
    func wordIndices(of s: Int) -> Range<Int> { s >= 0 && s < sentenceWords.count ? sentenceWords[s] : 0..<0 }

    /// The first hit of `concept` in sentence `s` of `text`.
    func first(_ concept: Concept, in s: Int, of text: TokenizedText) -> Hit? {
        hitIndices(of: s).lazy.map { self.hits[$0] }.first { $0.concept == concept }
    }

    /// The first hit of `concept` anywhere.
    func first(_ concept: Concept) -> Hit? { hits.first { $0.concept == concept } }
}
