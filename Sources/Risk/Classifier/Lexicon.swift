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

/// A group of words sharing a category, strength and reason (how lexicons are written down).
public struct LexiconGroup: Sendable {
    let category: Category
    let strength: Strength
    let reason: String
    let words: [String]
    /// A group of words.
    public init(_ category: Category, _ strength: Strength, _ reason: String, _ words: [String]) {
        self.category = category; self.strength = strength; self.reason = reason; self.words = words
    }
}

/// A word list with reasons, looked up with simple English inflections (`deletes`, `deleted`, `deleting`,
/// `copies`, `stopped`, `validator`).
public struct Lexicon: Sendable {
    /// Entries by base word.
    public let entries: [String: LexiconEntry]

    /// A lexicon from groups; `alsoNouns` marks words that are often nouns.
    public init(_ groups: [LexiconGroup], alsoNouns: Set<String> = []) {
        var entries: [String: LexiconEntry] = [:]
        for g in groups {
            for w in g.words where entries[w] == nil {
                entries[w] = LexiconEntry(category: g.category, strength: g.strength, reason: g.reason, alsoNoun: alsoNouns.contains(w))
            }
        }
        self.entries = entries
    }

    /// The entry for `word` exactly as written.
    public func exact(_ word: String) -> LexiconEntry? { entries[word] }

    /// The entry for `word` or one of its inflected bases, with the base that matched.
    public func lookup(_ word: String, agentNouns: Bool = false) -> (base: String, entry: LexiconEntry)? {
        if let e = entries[word] { return (word, e) }
        for base in Lexicon.bases(of: word, agentNouns: false) {
            if let e = entries[base] { return (base, e) }
        }
        guard agentNouns else { return nil }
        // `validator`, `deletion`, `deployment` name the act: a noun, so it leads only when nothing else does.
        for base in Lexicon.bases(of: word, agentNouns: true) {
            if var e = entries[base] { e.alsoNoun = true; return (base, e) }
        }
        return nil
    }

    /// Candidate base forms of an inflected word, most likely first.
    static func bases(of w: String, agentNouns: Bool) -> [String] {
        guard w.count > 3 else { return [] }
        var out: [String] = []
        func drop(_ n: Int) -> String { String(w.dropLast(n)) }
        func undouble(_ s: String) -> String? {
            let u = Array(s.unicodeScalars)
            guard u.count >= 3, u[u.count - 1] == u[u.count - 2], !"aeiouslz".unicodeScalars.contains(u[u.count - 1]) else { return nil }
            return String(s.dropLast())
        }
        if w.hasSuffix("ies") { out.append(drop(3) + "y") }
        if w.hasSuffix("es") { out.append(drop(2)) }
        if w.hasSuffix("s") && !w.hasSuffix("ss") { out.append(drop(1)) }
        if w.hasSuffix("ied") { out.append(drop(3) + "y") }
        if w.hasSuffix("ed") { let s = drop(2); out.append(s); out.append(s + "e"); if let u = undouble(s) { out.append(u) } }
        if w.hasSuffix("ing") { let s = drop(3); out.append(s); out.append(s + "e"); if let u = undouble(s) { out.append(u) } }
        if agentNouns {
            if w.hasSuffix("er") { let s = drop(2); out.append(s); out.append(s + "e") }
            if w.hasSuffix("or") { let s = drop(2); out.append(s + "e"); out.append(s) }
            if w.hasSuffix("ion") { let s = drop(3); out.append(s + "e"); out.append(s) }
            if w.hasSuffix("ment") { out.append(drop(4)) }
        }
        return out
    }
}
