import JSON

/// A tool pre-read once for every capability rule: name words, description words, flattened schema.
public struct AnalyzedTool: Sendable {
    /// The tool's position in `tools`.
    public var index: Int
    /// `/tools/<index>`.
    public var pointer: JSONPointer
    /// The tool object.
    public var json: JSONValue
    /// The tool's name.
    public var name: String
    /// The name split into words.
    public var nameTokens: NameTokens
    /// The description (empty when absent).
    public var description: String
    /// The description split into words and sentences.
    public var prose: ProseWords
    /// The description's words, lowercase, in order.
    public var proseTexts: [String]
    /// The verbs of the name (read once for every rule).
    var nameReading: VerbReading
    /// Every input property, depth first, bounded (`InputProperties`): the one walk of the schema.
    public var properties: [InputProperty]
    /// The declared annotations.
    public var annotations: DeclaredAnnotations
    /// Every lowercase word of the name, the description's opening and the property names (for context checks).
    public var vocabulary: Set<String>
    /// The first words of the description's first sentence (the verb's neighbourhood).
    public var descriptionHead: [String]
    /// The words of every tool name, property name and description opening on the same server (context).
    public var serverVocabulary: Set<String>
    /// Hits of capability rules already run on this tool, by rule id: the assessor runs each once and
    /// every classifier of the tool (the annotation rules keep their own) reuses them.
    var capabilityHits: [String: [RuleHit]] = [:]

    /// Reads a tool; nil when it has no string name.
    public init?(_ json: JSONValue, index: Int) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.index = index
        self.pointer = JSONPointer(tokens: ["tools", String(index)])
        self.json = json
        self.name = name
        self.nameTokens = NameTokens(name)
        self.description = json["description"]?.stringValue ?? ""
        self.prose = ProseWords(description)
        self.proseTexts = prose.words.map(\.text)
        self.nameReading = VerbReading(nameTokens)
        self.annotations = DeclaredAnnotations(tool: json)
        self.properties = InputProperties.all(tool: json, index: index)
        let prose = self.prose
        self.descriptionHead = prose.firstSentence.prefix(8).map { prose.words[$0].text }
        var vocabulary = Set(nameTokens.texts)
        vocabulary.formUnion(descriptionHead)
        for p in properties { vocabulary.formUnion(p.words) }
        self.vocabulary = vocabulary
        self.serverVocabulary = vocabulary
    }

    /// Every valid tool of a server.
    public static func all(in server: ReviewedServer) -> [AnalyzedTool] {
        var tools = server.tools.enumerated().compactMap { AnalyzedTool($0.element, index: $0.offset) }
        var shared: Set<String> = []
        for t in tools { shared.formUnion(t.vocabulary) }
        for i in tools.indices { tools[i].serverVocabulary = shared }
        return tools
    }

    /// The first `n` description words as a quote pointer target.
    public var descriptionPointer: JSONPointer { pointer.appending("description") }
    /// `/tools/<index>/name`.
    public var namePointer: JSONPointer { pointer.appending("name") }
}
