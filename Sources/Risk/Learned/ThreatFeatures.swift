/// The features the learned threat reading looks at in one passage of a text field: the field's role,
/// whether the passage was hidden (decoded from Base64, hex, ROT13, …), its words, its word pairs, the
/// threat concepts the lexicon found in it and the pairs of those concepts.
///
/// A passage is a sentence, cut into windows of at most `windowWords` words, so a long sentence costs what
/// its words cost and a payload at the end of long documentation is read as closely as one at the start.
/// The same walk feeds training (the corpus dump under `Tests/`) and the rule, so the model sees at run
/// time exactly what it was trained on.
enum ThreatFeatures {
    /// The most words one passage holds.
    static let windowWords = 48

    /// What a feature is of; part of its key, so a word and a concept of the same spelling differ.
    enum Kind: UInt64 {
        case role = 1, hidden, word, pair, concept, conceptPair, fieldConcept, roleConcept, opening
    }

    /// One passage of a field: which layer (0: the text as sent, then each decoded payload) and which words.
    struct Passage: Sendable, Hashable {
        let layer: Int
        let words: Range<Int>
    }

    /// The key of a feature: its kind and up to two word (or name) hashes, mixed.
    @inline(__always) static func key(_ kind: Kind, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 {
        var x = (kind.rawValue &* 0x9E37_79B9_7F4A_7C15) ^ a
        x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9
        x ^= b &* 0x94D0_49BB_1331_11EB
        x ^= x >> 29
        return x
    }

    /// The hash a concept or role is keyed by: its name's.
    static func nameHash(_ name: String) -> UInt64 { WordHash.of(name) }

    /// Concept name hashes, by raw value (computed once).
    static let conceptHashes: [UInt64] = Concept.allCases.map { nameHash(String(describing: $0)) }

    /// Every passage of `reading`, each with its features: `visit(passage, keys, names)`. `names` is called
    /// lazily by the visitor that wants readable names (training), never on the rule's path.
    static func walk(_ reading: FieldReading, _ visit: (Passage, [UInt64], () -> [String]) -> Void) {
        let role = reading.field.role.rawValue
        let roleHash = nameHash(role)
        let roleKey = key(.role, roleHash)
        for (layer, textReading) in reading.layers.enumerated() {
            let text = textReading.text, concepts = textReading.concepts
            let words = text.words
            guard !words.isEmpty else { continue }
            // The concepts of the whole text, which every passage of it carries.
            let wholeText = Concept.allCases.filter { concepts.all.contains($0) }
            let wholeKeys = wholeText.map { key(.fieldConcept, conceptHashes[$0.rawValue]) }
            var start = 0
            var hit = 0
            // One buffer for every window of the text (the visitor reads it before the next is made).
            var keys: [UInt64] = []
            keys.reserveCapacity(2 * windowWords + 16)
            while start < words.count {
                // The window: up to the sentence's end, at most `windowWords` words.
                var end = start + 1
                while end < words.count, end - start < windowWords, words[end].sentence == words[start].sentence { end += 1 }
                keys.removeAll(keepingCapacity: true)
                keys.append(roleKey)
                if layer > 0 { keys.append(key(.hidden, 1)) }
                keys.append(key(.opening, words[start].hash))
                for i in start..<end {
                    keys.append(key(.word, words[i].hash))
                    if i + 1 < end { keys.append(key(.pair, words[i].hash, words[i + 1].hash)) }
                }
                // Concepts whose first word lies in the window (hits are ordered by their first word).
                var found = ConceptSet()
                while hit < concepts.hits.count, concepts.hits[hit].from < start { hit += 1 }
                var h = hit
                while h < concepts.hits.count, concepts.hits[h].from < end { found.insert(concepts.hits[h].concept); h += 1 }
                let present = found.isEmpty ? [] : Concept.allCases.filter { found.contains($0) }
                for (i, c) in present.enumerated() {
                    keys.append(key(.concept, conceptHashes[c.rawValue]))
                    keys.append(key(.roleConcept, roleHash, conceptHashes[c.rawValue]))
                    for d in present[(i + 1)...] { keys.append(key(.conceptPair, conceptHashes[c.rawValue], conceptHashes[d.rawValue])) }
                }
                keys += wholeKeys
                let window = start..<end
                visit(Passage(layer: layer, words: window), keys) {
                    names(role: role, hidden: layer > 0, text: text, words: window, concepts: present, wholeText: wholeText)
                }
                start = end
            }
        }
    }

    /// The readable names of a passage's features, in the order `walk` gives their keys.
    private static func names(role: String, hidden: Bool, text: TokenizedText, words: Range<Int>, concepts: [Concept], wholeText: [Concept]) -> [String] {
        var out = ["role:" + role]
        if hidden { out.append("hidden") }
        func word(_ i: Int) -> String {
            let w = text.words[i]
            return String(decoding: text.folded[Int(w.start)..<Int(w.end)], as: UTF8.self)
        }
        out.append("o:" + word(words.lowerBound))
        for i in words {
            out.append("w:" + word(i))
            if i + 1 < words.upperBound { out.append("p:" + word(i) + " " + word(i + 1)) }
        }
        for (i, c) in concepts.enumerated() {
            out.append("c:\(c)")
            out.append("rc:\(role)+\(c)")
            for d in concepts[(i + 1)...] { out.append("cc:\(c)+\(d)") }
        }
        for c in wholeText { out.append("f:\(c)") }
        return out
    }
}
