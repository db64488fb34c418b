/// How strongly a word argues for its category.
public enum Strength: Int, Sendable, Hashable, Comparable {
    case weak = 1, normal = 2, strong = 3
    /// Weaker first.
    public static func < (a: Strength, b: Strength) -> Bool { a.rawValue < b.rawValue }
    /// Scales a position's weight: strong words keep it, weak ones keep a little over half.
    public func scale(_ weight: Int) -> Int {
        switch self {
        case .strong: weight
        case .normal: weight * 9 / 10
        case .weak: weight * 6 / 10
        }
    }
}

/// What a lexicon knows about a word.
public struct LexiconEntry: Sendable, Hashable {
    /// The category the word argues for.
    public var category: Category
    /// How strongly.
    public var strength: Strength
    /// Why, in words shown as the evidence reason.
    public var reason: String
    /// True when the word is as often a noun (`order`, `commit`, `log`): it leads a name only when no
    /// other verb does.
    public var alsoNoun: Bool
}

/// A group of words sharing a category, strength and reason, with an example of a name it decides
/// (how lexicons are written down; each group's example is a test).
public struct LexiconGroup: Sendable {
    let category: Category
    let strength: Strength
    let reason: String
    let words: [String]
    /// A tool name this group decides, e.g. `delete_user` (checked by a test to lead with a word of the group).
    let example: String
    /// A group of words.
    public init(_ category: Category, _ strength: Strength, _ reason: String, example: String, _ words: [String]) {
        self.category = category; self.strength = strength; self.reason = reason; self.words = words; self.example = example
    }
}

/// A word list with reasons, looked up with simple English inflections (`deletes`, `deleted`, `deleting`,
/// `copies`, `stopped`, `validator`), compiled once into a table keyed by word hash.
public struct Lexicon: Sendable {
    /// A word found: the lexicon's spelling of it and what the lexicon says.
    public struct Match: Sendable, Hashable {
        /// The base word as the lexicon spells it (`delete` for `deleting`).
        public var base: String
        /// What the lexicon says of it.
        public var entry: LexiconEntry
    }

    private let table: WordMap<Match>
    /// The groups, as written.
    let groups: [LexiconGroup]

    /// A lexicon from groups; `alsoNouns` marks words that are often nouns. A word in two groups keeps
    /// the first.
    public init(_ groups: [LexiconGroup], alsoNouns: Set<String> = []) {
        var pairs: [(String, Match)] = []
        for g in groups {
            for w in g.words {
                pairs.append((w, Match(base: w, entry: LexiconEntry(category: g.category, strength: g.strength, reason: g.reason, alsoNoun: alsoNouns.contains(w)))))
            }
        }
        table = WordMap(pairs)
        self.groups = groups
    }

    /// The entry for the word with hash `h`, exactly as written.
    @inline(__always) func exact(_ h: UInt64) -> Match? { table[h] }

    /// The entry for `word` exactly as written (a lexicon or test spelling).
    public func exact(_ word: String) -> LexiconEntry? { table[word: word]?.entry }

    /// The entry for word `i` of `text`, or for one of its inflected bases, with the base that matched.
    /// With `agentNouns`, `validator`, `deletion`, `deployment` also match (as nouns: they lead a name only
    /// when nothing else does).
    func lookup(_ text: TokenizedText, _ i: Int, agentNouns: Bool = false) -> Match? {
        let w = text.words[i]
        if let m = table[w.hash] { return m }
        guard w.flags.contains(.ascii), !w.flags.contains(.contraction) else { return nil }
        return text.folded.withUnsafeBufferPointer { f in
            lookupBases(f, Int(w.start), Int(w.end), agentNouns: agentNouns)
        }
    }

    /// The entry for a word given as a string (an action value read as a name).
    public func lookup(_ word: String, agentNouns: Bool = false) -> Match? {
        let folded = Tokenizer.foldedBytes(of: word)
        if let m = table[folded.withUnsafeBufferPointer { WordHash.of($0, from: 0, to: $0.count) }] { return m }
        guard folded.allSatisfy({ $0 < 0x80 }) else { return nil }
        return folded.withUnsafeBufferPointer { lookupBases($0, 0, $0.count, agentNouns: agentNouns) }
    }

    /// Nouns that end like an agent noun but name a thing, not a doer of the verb (a browser does not browse
    /// for the caller: `browser_inject_code` is about the browser).
    private static let lookalikeAgentNouns: WordSet = ["browser", "browsers"]

    /// Tries the inflected bases of `f[from..<to]`, most likely first.
    private func lookupBases(_ f: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, agentNouns: Bool) -> Match? {
        let n = to - from
        guard n > 3 else { return nil }
        func ends(_ suffix: StaticString) -> Bool {
            let c = suffix.utf8CodeUnitCount
            guard n >= c else { return false }
            let p = suffix.utf8Start
            for k in 0..<c where f[to - c + k] != p[k] { return false }
            return true
        }
        func probe(_ end: Int, plus extra: StaticString = "") -> Match? {
            table[WordHash.of(f, from: from, to: end, plus: extra)]
        }
        /// `s` without a doubled final consonant (`stopp` → `stop`), when it has one.
        func undoubled(_ end: Int) -> Int? {
            guard end - from >= 3, f[end - 1] == f[end - 2], !"aeiouslz".utf8.contains(f[end - 1]) else { return nil }
            return end - 1
        }
        if ends("ies"), let m = probe(to - 3, plus: "y") { return m }
        if ends("es"), let m = probe(to - 2) { return m }
        if ends("s") && !ends("ss"), let m = probe(to - 1) { return m }
        if ends("ied"), let m = probe(to - 3, plus: "y") { return m }
        if ends("ed") {
            if let m = probe(to - 2) ?? probe(to - 2, plus: "e") { return m }
            if let u = undoubled(to - 2), let m = probe(u) { return m }
        }
        if ends("ing") {
            if let m = probe(to - 3) ?? probe(to - 3, plus: "e") { return m }
            if let u = undoubled(to - 3), let m = probe(u) { return m }
        }
        guard agentNouns, !Self.lookalikeAgentNouns.contains(WordHash.of(f, from: from, to: to, plus: "")) else { return nil }
        var found: Match?
        if ends("er") { found = probe(to - 2) ?? probe(to - 2, plus: "e") }
        if found == nil, ends("or") { found = probe(to - 2, plus: "e") ?? probe(to - 2) }
        if found == nil, ends("ion") { found = probe(to - 3, plus: "e") ?? probe(to - 3) }
        if found == nil, ends("ment") { found = probe(to - 4) }
        if var m = found { m.entry.alsoNoun = true; return m }
        return nil
    }
}

extension WordHash {
    /// The hash of `f[from..<to]` followed by `extra` (a base with a suffix put back: `cop` + `y`).
    static func of(_ f: UnsafeBufferPointer<UInt8>, from: Int, to: Int, plus extra: StaticString) -> UInt64 {
        var h = seed
        var i = from
        while i < to { h = (h ^ UInt64(f[i])) &* prime; i += 1 }
        let c = extra.utf8CodeUnitCount
        let p = extra.utf8Start
        for k in 0..<c { h = (h ^ UInt64(p[k])) &* prime }
        return finish(h, length: to - from + c)
    }
}
