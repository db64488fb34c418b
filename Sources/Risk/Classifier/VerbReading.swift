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
    /// The words after the leading verb (its object), e.g. `issue` in `create_issue`.
    public var objectWords: [String]
    /// The leading verb, if any.
    public var leading: Verb? { verbs.first { $0.role == .leading } }

    /// Words that join two verbs into one action list.
    static let conjunctions: Set<String> = ["and", "or", "then", "plus", "also"]
    /// One-to-four-letter type prefixes of Redis-style commands (`hdel`, `zrem`, `arrtrim`, `psubscribe`).
    static let commandPrefixes: [String] = ["json", "arr", "str", "obj", "num", "geo", "h", "l", "r", "s", "z", "x", "m", "p", "b", "ts", "bf", "cf", "ft"]
    /// Words that undo the verb after them (`do_not_exercise`).
    static let negations: Set<String> = ["not", "no", "never", "without", "dont", "non", "dry"]

    /// Reads the verbs of `words` (one entry per word, with its namespace segment).
    init(_ tokens: NameTokens, lexicon: Lexicon = VerbLexicon.verbs) {
        var found: [(Int, String, String, LexiconEntry, Int)] = []   // position, word, base, entry, segment
        for (i, w) in tokens.words.enumerated() {
            if i > 0, VerbReading.negations.contains(tokens.words[i - 1].text) { continue }
            if let (base, matched) = VerbReading.lookup(w.text, lexicon: lexicon) {
                var entry = matched
                // `staged`, `opted`, `streaming` in a name describe a thing; they do not act.
                if base != w.text && (w.text.hasSuffix("ed") || w.text.hasSuffix("ing")) { entry.alsoNoun = true }
                // `changes`, `logs`, `replies`, `rates`: a plural in a name is a noun.
                if base != w.text && w.text.hasSuffix("s") && lexicon.lookup(w.text) != nil { continue }
                found.append((i, w.text, base, entry, w.segment))
            }
        }
        var leadingPosition: Int?
        // The last namespace segment names the action (`k8s.pods.delete`, `mcp__github__create_issue`);
        // within it the first verb that is not also a common noun leads.
        let segments = Array(0..<max(tokens.segmentCount, 1)).reversed()
        outer: for s in segments {
            let inSegment = found.filter { $0.4 == s }
            // A segment that opens with a verb leads with it (`set_vector_in_hash`), unless a plain verb
            // follows at once (`order_create`).
            // (Not an agent noun: `browser_type` and `notion_delete_block` open with nouns.)
            if let opener = inSegment.first, opener.0 == tokens.words.firstIndex(where: { $0.segment == s }),
               lexicon.lookup(opener.1) != nil, opener.1 == opener.2 || !(opener.1.hasSuffix("ed") || opener.1.hasSuffix("ing")),
               !inSegment.contains(where: { $0.0 == opener.0 + 1 && !$0.3.alsoNoun && $0.0 == tokens.words.lastIndex(where: { $0.segment == s }) }) {
                leadingPosition = opener.0; break outer
            }
            for f in inSegment where !f.3.alsoNoun { leadingPosition = f.0; break outer }
        }
        // Otherwise a word that is also a noun leads (`git_commit`), a plain one before an agent noun
        // (`webapp_deployment_help` leads with `help`, not `deployment`).
        if leadingPosition == nil {
            for s in segments {
                let inSegment = found.filter { $0.4 == s }
                if let f = inSegment.first(where: { lexicon.lookup($0.1) != nil }) ?? inSegment.first { leadingPosition = f.0; break }
            }
        }
        var verbs: [Verb] = []
        for f in found {
            var role: Role = f.0 == leadingPosition ? .leading : .secondary
            if role == .secondary, f.0 > 0, VerbReading.conjunctions.contains(tokens.words[f.0 - 1].text) { role = .joined }
            verbs.append(Verb(word: f.1, base: f.2, entry: f.3, position: f.0, role: role))
        }
        // "build_and_push": the verb before a conjunction is joined too, when the one after it is.
        for i in verbs.indices where verbs[i].role == .secondary {
            let next = verbs[i].position + 1
            if next < tokens.words.count, VerbReading.conjunctions.contains(tokens.words[next].text),
               verbs.contains(where: { $0.position == next + 1 && $0.role != .secondary }) { verbs[i].role = .joined }
        }
        self.verbs = verbs
        let start = (leadingPosition ?? -1) + 1
        self.objectWords = start < tokens.words.count ? tokens.words[start...].map(\.text) : []
    }

    /// A word's lexicon entry: as written, inflected, as an agent noun, or as a Redis-style command.
    static func lookup(_ word: String, lexicon: Lexicon) -> (String, LexiconEntry)? {
        if let hit = lexicon.lookup(word, agentNouns: true) { return hit }
        for prefix in commandPrefixes where word.hasPrefix(prefix) && word.count >= prefix.count + 3 {
            let rest = String(word.dropFirst(prefix.count))
            if let e = lexicon.exact(rest) { return (rest, e) }
            // `hgetall`, `xreadgroup`: a command verb followed by a short qualifier.
            for verbLength in stride(from: min(rest.count - 1, 12), through: 3, by: -1) {
                let head = String(rest.prefix(verbLength))
                if let e = lexicon.exact(head), !e.alsoNoun { return (head, e) }
            }
        }
        return nil
    }
}
