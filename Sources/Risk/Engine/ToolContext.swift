import JSON

/// One tool read once for every rule: its name and description split by the tokenizer, its input schema
/// walked, its annotations, and the words of the server around it. Every capability and signal rule reads
/// this, never the raw JSON again.
public struct ToolContext: Sendable {
    /// The tool's position in `tools`.
    public var index: Int
    /// `/tools/<index>`.
    public var pointer: JSONPointer
    /// The tool object.
    public var json: JSONValue
    /// The tool's name.
    public var name: String
    /// The name split into its words (`GetAHOReadSetMetadata` → get, aho, read, set, metadata).
    let nameWords: TokenizedText
    /// The description (empty when absent or not a string).
    public var description: String
    /// The description split into words and sentences.
    let prose: TokenizedText
    /// The verbs of the name (read once for every rule).
    let nameReading: VerbReading
    /// Every input property, depth first, bounded (`InputProperties`): the one walk of the schema.
    public var properties: [InputProperty]
    /// The declared annotations.
    public var annotations: DeclaredAnnotations
    /// The words of the name, the description's opening and the property names (for context checks).
    var vocabulary: Set<UInt64>
    /// The first words (at most 8) of the description's first sentence: the verb's neighbourhood.
    var descriptionHead: Range<Int>
    /// The words of every tool name, property name and description opening on the same server.
    var serverVocabulary: Set<UInt64>

    /// Reads a tool; nil when it has no string name. Texts already split for the same server come from `cache`.
    init?(_ json: JSONValue, index: Int, cache: TextCache = TextCache()) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.index = index
        self.pointer = JSONPointer(tokens: ["tools", String(index)])
        self.json = json
        self.name = name
        self.nameWords = cache.split(name, mode: .identifier)
        self.description = json["description"]?.stringValue ?? ""
        self.prose = description.isEmpty ? .empty : cache.split(description)
        self.nameReading = VerbReading(nameWords)
        self.annotations = DeclaredAnnotations(tool: json)
        self.properties = InputProperties.all(tool: json, index: index, cache: cache)
        let prose = self.prose
        self.descriptionHead = prose.firstSentence.prefix(8)
        var vocabulary = Set(nameWords.words.map(\.hash))
        vocabulary.formUnion(prose.words[descriptionHead].map(\.hash))
        for p in properties { vocabulary.formUnion(p.words) }
        self.vocabulary = vocabulary
        self.serverVocabulary = vocabulary
    }

    /// Every valid tool of a server, each knowing the words of all of them.
    /// With several `jobs`, runs of tools are read on several threads, each run with its own cache.
    static func all(in server: ReviewedServer, jobs: Int = 1) -> [ToolContext] {
        let definitions = server.tools
        let read: [ToolContext?] = Chunked.map(definitions.count, jobs: jobs, size: Chunked.runSize(definitions.count, jobs: jobs)) { run in
            let cache = TextCache()
            return run.map { ToolContext(definitions[$0], index: $0, cache: cache) }
        }
        var tools = read.compactMap { $0 }
        var shared: Set<UInt64> = []
        for t in tools { shared.formUnion(t.vocabulary) }
        for i in tools.indices { tools[i].serverVocabulary = shared }
        return tools
    }

    /// `/tools/<index>/description`.
    public var descriptionPointer: JSONPointer { pointer.appending("description") }
    /// `/tools/<index>/name`.
    public var namePointer: JSONPointer { pointer.appending("name") }
    /// The hashes of the name's words, in order.
    var nameHashes: [UInt64] { nameWords.words.map(\.hash) }

    /// Words that say money does not really move: paper trading, a backtest, a simulated account.
    static let noRealMoney: WordSet = ["paper", "backtest", "backtesting", "simulated", "simulation"]

    /// True when the tool says it trades on paper or simulates (its name or its description's first sentence):
    /// orders there move no money.
    var movesNoRealMoney: Bool {
        nameWords.contains(Self.noRealMoney) || prose.contains(Self.noRealMoney, in: prose.firstSentence)
    }

    /// The words of the description's head after its first verb (what the opening verb acts on).
    var wordsAfterDescriptionVerb: [UInt64] {
        guard let verb = descriptionHead.first(where: { VerbLexicon.verbs.lookup(prose, $0) != nil }) else { return [] }
        return prose.words[(verb + 1)..<descriptionHead.upperBound].map(\.hash)
    }
}

extension WordSet {
    /// True when any word of `words` is in the set. A lookup here is a masked probe and one in `words` a
    /// SipHash, so the loop runs over `words` unless it is much the longer.
    func intersects(_ words: Set<UInt64>) -> Bool {
        words.count <= hashes.count * 4 ? words.contains { contains($0) } : hashes.contains { words.contains($0) }
    }
    /// True when any hash in `words` is in the set.
    func containsAny(_ words: some Sequence<UInt64>) -> Bool { words.contains { contains($0) } }
}
