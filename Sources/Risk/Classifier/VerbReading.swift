/// Which words of a name are verbs and which one states the action.
///
/// The leading verb weighs most, but not blindly: `get_delete_status` reads (`get` leads, `delete`
/// describes the status); `list_and_purge_expired` also purges (verbs joined by `and` all lead);
/// in `k8s.pods.delete` the verb closing a dotted name is the action.
public struct VerbReading: Sendable {
    /// The part a verb plays.
    public enum Role: Sendable, Hashable { case leading, joined, secondary }

    /// One verb found in the name.
    public struct Verb: Sendable, Hashable {
        /// The word as written (lowercased), e.g. `deletes`, `hdel`.
        public var word: String
        /// The lexicon base it matched, e.g. `delete`, `del`.
        public var base: String
        /// What the lexicon says.
        public var entry: LexiconEntry
        /// Its position among the name's words.
        public var position: Int
        /// Its part.
        public var role: Role
    }

    /// The verbs, in name order.
    public var verbs: [Verb]
    /// The words after the leading verb (its object), e.g. `issue` in `create_issue`, as hashes.
    var objectWords: [UInt64]
    /// The leading verb, if any.
    public var leading: Verb? { verbs.first { $0.role == .leading } }

    /// Words that join two verbs into one action list.
    static let conjunctions = WordSet(["and", "or", "then", "plus", "also"])
    /// Words that undo the verb after them (`do_not_exercise`).
    static let negations = WordSet(["not", "no", "never", "without", "dont", "non", "dry"])

    /// A verb candidate before roles are decided.
    private struct Found {
        let position: Int
        let word: String
        let match: Lexicon.Match
        let segment: Int32
        /// True when the word or an inflection of it is in the lexicon (not only as an agent noun or command).
        let plain: Bool
    }

    /// Reads the verbs of a name split in identifier mode.
    init(_ name: TokenizedText, lexicon: Lexicon = VerbLexicon.verbs) {
        let words = name.words
        var found: [Found] = []
        for i in words.indices {
            if i > 0, VerbReading.negations.contains(words[i - 1].hash) { continue }
            guard let match = VerbReading.lookup(name, i, lexicon: lexicon) else { continue }
            let text = name.text(i)
            var m = match
            let plain = lexicon.lookup(name, i) != nil
            // `staged`, `opted`, `streaming` in a name describe a thing; they do not act.
            if m.base != text && (text.hasSuffix("ed") || text.hasSuffix("ing")) { m.entry.alsoNoun = true }
            // `changes`, `logs`, `replies`, `rates`: a plural in a name is a noun.
            if m.base != text && text.hasSuffix("s") && plain { continue }
            found.append(Found(position: i, word: text, match: m, segment: words[i].segment, plain: plain))
        }
        var leadingPosition: Int?
        let segmentCount = Int(words.last.map { $0.segment + 1 } ?? 0)
        // The last namespace segment names the action (`k8s.pods.delete`, `mcp__github__create_issue`);
        // within it the first verb that is not also a common noun leads.
        let segments = Array(0..<max(segmentCount, 1)).reversed()
        func first(of s: Int) -> Int? { words.firstIndex { $0.segment == s } }
        func last(of s: Int) -> Int? { words.lastIndex { $0.segment == s } }
        outer: for s in segments {
            let inSegment = found.filter { $0.segment == s }
            // A segment that opens with a verb leads with it (`set_vector_in_hash`), unless a plain verb
            // follows at once (`order_create`). (Not an agent noun: `browser_type` opens with a noun.)
            if let opener = inSegment.first, opener.position == first(of: s), opener.plain,
               opener.word == opener.match.base || !(opener.word.hasSuffix("ed") || opener.word.hasSuffix("ing")),
               !inSegment.contains(where: { $0.position == opener.position + 1 && !$0.match.entry.alsoNoun && $0.position == last(of: s) }) {
                leadingPosition = opener.position; break outer
            }
            for f in inSegment where !f.match.entry.alsoNoun { leadingPosition = f.position; break outer }
        }
        // Otherwise a word that is also a noun leads (`git_commit`), a plain one before an agent noun
        // (`webapp_deployment_help` leads with `help`, not `deployment`).
        if leadingPosition == nil {
            for s in segments {
                let inSegment = found.filter { $0.segment == s }
                if let f = inSegment.first(where: \.plain) ?? inSegment.first { leadingPosition = f.position; break }
            }
        }
        var verbs: [Verb] = []
        for f in found {
            var role: Role = f.position == leadingPosition ? .leading : .secondary
            if role == .secondary, f.position > 0, VerbReading.conjunctions.contains(words[f.position - 1].hash) { role = .joined }
            verbs.append(Verb(word: f.word, base: f.match.base, entry: f.match.entry, position: f.position, role: role))
        }
        // "build_and_push": the verb before a conjunction is joined too, when the one after it is.
        for i in verbs.indices where verbs[i].role == .secondary {
            let next = verbs[i].position + 1
            if next < words.count, VerbReading.conjunctions.contains(words[next].hash),
               verbs.contains(where: { $0.position == next + 1 && $0.role != .secondary }) { verbs[i].role = .joined }
        }
        self.verbs = verbs
        let start = (leadingPosition ?? -1) + 1
        self.objectWords = start < words.count ? words[start...].map(\.hash) : []
    }

    /// A name's lexicon entry: as written, inflected, as an agent noun, or as a key-value store command
    /// (`hdel`, `zrem`, `arrtrim`: see `KeyValueCommands`).
    static func lookup(_ name: TokenizedText, _ i: Int, lexicon: Lexicon) -> Lexicon.Match? {
        if let hit = lexicon.lookup(name, i, agentNouns: true) { return hit }
        guard let verb = KeyValueCommands.table[name.words[i].hash], let entry = lexicon.exact(verb) else { return nil }
        return Lexicon.Match(base: verb, entry: entry)
    }
}
