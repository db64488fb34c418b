import JSON

/// One input property of a tool, found anywhere in its input schema (nested objects and arrays too).
public struct SchemaProperty: Sendable {
    /// Where the property's schema is, e.g. `/tools/3/inputSchema/properties/filter/properties/sql`.
    public var pointer: JSONPointer
    /// The dotted path shown to readers, e.g. `filter.sql` or `messages[].content`.
    public var path: String
    /// The property's own name.
    public var name: String
    /// Its name split into words.
    public var words: [String]
    /// Its `description`, if any.
    public var description: String?
    /// Its description split into words (empty when absent).
    public var prose: ProseWords
    /// Its `type` (the first one when a list), if any.
    public var type: String?
    /// Its string `enum` values (or `const`/`oneOf` constants) with their pointers.
    public var enumValues: [(value: String, pointer: JSONPointer)]
    /// How deep it sits (0 = a top-level property).
    public var depth: Int
}

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
    /// Every input property, depth first, bounded.
    public var properties: [SchemaProperty]
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

    /// Schema walking stops here: deeper or more properties add no evidence.
    public static let maxDepth = 6
    /// At most this many properties are read per tool.
    public static let maxProperties = 400

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
        var properties: [SchemaProperty] = []
        if let schema = json["inputSchema"] {
            AnalyzedTool.walk(schema, root: schema, pointer: pointer.appending("inputSchema"), path: "", depth: 0, into: &properties)
        }
        self.properties = properties
        let prose = self.prose
        self.descriptionHead = prose.firstSentence.prefix(8).map { prose.words[$0].text }
        var vocabulary = Set(nameTokens.texts)
        vocabulary.formUnion(descriptionHead)
        for p in properties { vocabulary.formUnion(p.words) }
        self.vocabulary = vocabulary
        self.serverVocabulary = vocabulary
    }

    /// Every valid tool of a server.
    public static func all(in server: ServerDefinitions) -> [AnalyzedTool] {
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

    private static func walk(_ schema: JSONValue, root: JSONValue, pointer: JSONPointer, path: String, depth: Int, into out: inout [SchemaProperty]) {
        guard depth <= maxDepth, out.count < maxProperties, let object = schema.objectValue else { return }
        if let props = object["properties"]?.objectValue {
            for (key, value) in props.members {
                guard out.count < maxProperties else { return }
                let p = pointer.appending("properties").appending(key)
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                out.append(property(key, value, root: root, schemaPointer: pointer, pointer: p, path: childPath, depth: depth))
                walk(value, root: root, pointer: p, path: childPath, depth: depth + 1, into: &out)
            }
        }
        if let items = object["items"] {
            walk(items, root: root, pointer: pointer.appending("items"), path: path + "[]", depth: depth + 1, into: &out)
        }
        for combinator in ["anyOf", "oneOf", "allOf"] {
            guard let list = object[combinator]?.arrayValue else { continue }
            for (i, branch) in list.prefix(16).enumerated() {
                walk(branch, root: root, pointer: pointer.appending(combinator).appending(i), path: path, depth: depth + 1, into: &out)
            }
        }
        // Pydantic puts nested models under $defs; their fields are inputs too.
        for defsKey in ["$defs", "definitions"] where depth == 0 {
            guard let defs = object[defsKey]?.objectValue else { continue }
            for (key, value) in defs.members.prefix(32) {
                walk(value, root: root, pointer: pointer.appending(defsKey).appending(key), path: key, depth: depth + 1, into: &out)
            }
        }
    }

    private static func property(_ name: String, _ schema: JSONValue, root: JSONValue, schemaPointer: JSONPointer, pointer: JSONPointer, path: String, depth: Int) -> SchemaProperty {
        var type = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first?.stringValue
        var enumValues: [(String, JSONPointer)] = []
        func collect(_ s: JSONValue, _ at: JSONPointer) {
            if let list = s["enum"]?.arrayValue {
                for (i, v) in list.prefix(200).enumerated() { if let t = v.stringValue { enumValues.append((t, at.appending("enum").appending(i))) } }
            }
            if let c = s["const"]?.stringValue { enumValues.append((c, at.appending("const"))) }
            if type == nil { type = s["type"]?.stringValue }
        }
        // A local `$ref` (Pydantic enums live in `$defs`) is followed one step.
        func follow(_ s: JSONValue) -> (JSONValue, JSONPointer)? {
            guard let ref = s["$ref"]?.stringValue, ref.hasPrefix("#/"), let local = JSONPointer(String(ref.dropFirst())),
                  let target = local.resolve(in: root) else { return nil }
            return (target, JSONPointer(tokens: Array(schemaPointer.tokens.prefix(3))).appending(local))
        }
        if let (target, at) = follow(schema) { collect(target, at) }
        collect(schema, pointer)
        for combinator in ["anyOf", "oneOf"] {
            for (i, branch) in (schema[combinator]?.arrayValue ?? []).prefix(64).enumerated() {
                collect(branch, pointer.appending(combinator).appending(i))
                if let (target, at) = follow(branch) { collect(target, at) }
            }
        }
        if let items = schema["items"] { collect(items, pointer.appending("items")) }
        let description = schema["description"]?.stringValue
        return SchemaProperty(pointer: pointer, path: path, name: name, words: NameTokens(name).texts,
                              description: description, prose: ProseWords(description ?? ""), type: type, enumValues: enumValues, depth: depth)
    }
}
