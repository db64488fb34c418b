import JSON

/// A server's definitions read once for every finding rule: each text field split by the tokenizer (the
/// words a tool's context already split are reused), its concepts, needles and endpoints found in the
/// same pass, its hidden payloads decoded and read the same way; what each tool, prompt or resource is
/// about; and the run it is scanned in. The assessor builds one per server and hands it to every
/// `FindingRule`.
struct ServerIndex {
    /// The definitions read.
    let server: ReviewedServer
    /// Every text field, in document order (`TextFields.all`).
    let fields: [TextField]
    /// The reading of each field in `fields`.
    let readings: [FieldReading]
    /// What each field asks the model to do (`Intent`), by field, with the layer (0: the text as sent,
    /// then each decoded payload) each intent was read in.
    let intents: [[(layer: Int, intent: Intent)]]
    /// The words of each holder (`/tools/3`, `/prompts/0`): its name, its description's first sentence and
    /// its input property names — what it is for.
    let purposes: [JSONPointer: Set<UInt64>]
    /// The words of each holder's name and description opening only (not its inputs): what it says it is.
    let identities: [JSONPointer: Set<UInt64>]
    /// The concepts of every text of each parameter (name, description, default, enum values), by holder
    /// and parameter name: a default's meaning depends on its parameter's description.
    let parameterConcepts: [ParameterKey: ConceptSet]
    /// The names of this server's tools, lowercased.
    let ownToolNames: Set<String>
    /// The same names as UTF-8 in byte order, so a prefix lookup is a binary search, not a pass over every tool.
    let ownToolNamesByBytes: [[UInt8]]
    /// The server's name, lowercased, with `_` made `-`.
    let normalizedServerName: String
    /// The word hashes prose gives this server's tool and property names (a mention of one is not foreign).
    let ownMentions: Set<UInt64>

    /// A parameter of a holder.
    struct ParameterKey: Hashable {
        let owner: JSONPointer
        let parameter: String
    }

    /// A text read the same wherever it is sent: its text and whether it is read as an identifier.
    private struct SharedReadingKey: Hashable {
        let text: String
        let identifier: Bool
    }

    /// The longest text (in UTF-8 bytes) whose reading is shared.
    private static let maxSharedBytes = 4_096

    /// The run the server is scanned in.
    var run: RunContext { server.run }

    /// Reads `server`, reusing the words already split in `tools` (its tool contexts) where they match;
    /// with several `jobs`, its fields are read on several threads.
    init(_ server: ReviewedServer, tools: [ToolContext]? = nil, jobs: Int = 1) {
        self.server = server
        let fields = TextFields.all(in: server)
        self.fields = fields
        let contexts = tools ?? ToolContext.all(in: server, jobs: jobs)
        var known: [PointerKey: TokenizedText] = [:]
        var purposes: [JSONPointer: Set<UInt64>] = [:]
        var identities: [JSONPointer: Set<UInt64>] = [:]
        var ownMentions = Set<UInt64>()
        for t in contexts {
            known[PointerKey(t.namePointer)] = t.nameWords
            if !t.description.isEmpty { known[PointerKey(t.descriptionPointer)] = t.prose }
            for p in t.properties {
                known[PointerKey(p.pointer)] = p.nameWords
                if p.description != nil { known[PointerKey(p.pointer.appending("description"))] = p.prose }
                ownMentions.insert(WordHash.of(p.name))
            }
            purposes[t.pointer] = t.vocabulary
            identities[t.pointer] = Set(t.nameWords.words.map(\.hash)).union(t.prose.words[t.descriptionHead].map(\.hash))
            ownMentions.insert(WordHash.of(t.name))
        }
        // The server itself is about its name and what its tools say they are (instructions are read as the
        // server's, and describe every tool: "add internal notes, change the owner" on a helpdesk server).
        identities[.root] = Set(TokenizedText(server.name, mode: .identifier).words.map(\.hash))
            .union(contexts.lazy.flatMap { $0.nameWords.words.map(\.hash) })
        // Fields are read in runs, on several threads when `jobs` allows (a reading depends only on its field).
        var readings = Chunked.map(fields.count, jobs: jobs, size: Chunked.runSize(fields.count, jobs: jobs)) { [known] run in
            Self.read(fields[run], known: known)
        }
        var parameterConcepts: [ParameterKey: ConceptSet] = [:]
        for reading in readings {
            let field = reading.field
            // A parameter's name, title and description say what it is for (its values are read alone).
            if let parameter = field.parameter, Self.describesParameter(field.role) {
                parameterConcepts[ParameterKey(owner: field.owner, parameter: parameter), default: ConceptSet()].formUnion(reading.main.concepts.all)
            }
            // Prompts and resources are about their names.
            if field.role == .name, field.ownerKind != .tool {
                purposes[field.owner, default: []].formUnion(reading.main.text.words.map(\.hash))
                identities[field.owner, default: []].formUnion(reading.main.text.words.map(\.hash))
            }
        }
        // A parameter whose description says to reverse its name has its name read backwards too.
        var reversed = Set<ParameterKey>()
        for r in readings where r.field.role == .parameterDescription || r.field.role == .argumentDescription {
            if let parameter = r.field.parameter, RotationText.isReverseHinted(folded: r.main.text.folded) {
                reversed.insert(ParameterKey(owner: r.field.owner, parameter: parameter))
            }
        }
        if !reversed.isEmpty {
            for (i, r) in readings.enumerated() where r.field.role == .parameterName || r.field.role == .argumentName {
                guard let parameter = r.field.parameter, reversed.contains(ParameterKey(owner: r.field.owner, parameter: parameter)),
                      let decoded = RotationText.reversedName(r.field.text) else { continue }
                readings[i] = FieldReading(r.field, main: r.main, decoded: [(decoded, TextReading(TokenizedText(decoded.text), endpoints: true))])
            }
        }
        self.readings = readings
        self.purposes = purposes
        self.identities = identities
        self.intents = Chunked.map(readings.count, jobs: jobs, size: Chunked.runSize(readings.count, jobs: jobs)) { [readings, purposes, identities, parameterConcepts] run in
            Self.intents(of: readings[run], purposes: purposes, identities: identities, parameterConcepts: parameterConcepts)
        }
        self.parameterConcepts = parameterConcepts
        self.ownToolNames = Set(contexts.map { $0.name.lowercased() })
        self.ownToolNamesByBytes = ownToolNames.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        self.normalizedServerName = server.name.lowercased().replacingUnderscores
        self.ownMentions = ownMentions
    }

    /// The readings of consecutive `fields`. A text sent again (`"type": "string"` in every property, a
    /// parameter described alike in every tool) is read once: its reading depends only on its bytes and
    /// whether it is an identifier. Words a tool context already split (`known`) are reused.
    private static func read(_ fields: ArraySlice<TextField>, known: [PointerKey: TokenizedText]) -> [FieldReading] {
        var read: [SharedReadingKey: (main: TextReading, decoded: [(payload: PayloadDecoder.Decoded, reading: TextReading)])] = [:]
        var readings: [FieldReading] = []
        readings.reserveCapacity(fields.count)
        for field in fields {
            let key = field.text.utf8.count <= maxSharedBytes ? SharedReadingKey(text: field.text, identifier: field.isIdentifier) : nil
            // `String` keys compare canonically: a text shares a reading only with the same bytes.
            if let key, let shared = read[key], shared.main.text.original.utf8.elementsEqual(field.text.utf8) {
                readings.append(FieldReading(field, main: shared.main, decoded: shared.decoded))
                continue
            }
            let mode: Tokenizer.Mode = field.isIdentifier ? .identifier : .prose
            // Every text a tool context split lies under `/tools`: other fields are not looked up.
            let reused = field.pointer.tokens.first != "tools" ? nil : known[PointerKey(field.pointer)].flatMap { $0.original == field.text ? $0 : nil }
            let reading = FieldReading(field, text: reused ?? TokenizedText(field.text, mode: mode))
            if let key, read[key] == nil { read[key] = (reading.main, reading.decoded) }
            readings.append(reading)
        }
        return readings
    }

    /// What each of consecutive `readings` asks the model to do, with the layer each intent was read in.
    private static func intents(of readings: ArraySlice<FieldReading>, purposes: [JSONPointer: Set<UInt64>], identities: [JSONPointer: Set<UInt64>],
                                parameterConcepts: [ParameterKey: ConceptSet]) -> [[(layer: Int, intent: Intent)]] {
        // Fields come holder by holder: each holder's words are looked up once, not once per field.
        var holder: (owner: JSONPointer, purpose: Set<UInt64>, identity: Set<UInt64>)?
        var lastParameter: (key: ParameterKey, concepts: ConceptSet)?
        var intents: [[(layer: Int, intent: Intent)]] = []
        intents.reserveCapacity(readings.count)
        for r in readings {
            let field = r.field
            var parameter = ConceptSet()
            if let name = field.parameter {
                let key = ParameterKey(owner: field.owner, parameter: name)
                if let last = lastParameter, last.key == key {
                    parameter = last.concepts
                } else {
                    parameter = parameterConcepts[key] ?? ConceptSet()
                    lastParameter = (key, parameter)
                }
            }
            if holder?.owner != field.owner {
                holder = (field.owner, purposes[field.owner] ?? [], identities[field.owner] ?? [])
            }
            let purpose = holder!.purpose, identity = holder!.identity
            var found = IntentReader(field: field, parameter: parameter, purpose: purpose, identity: identity, layer: r.main, hidden: false).intents().map { (0, $0) }
            for (i, d) in r.decoded.enumerated() {
                found += IntentReader(field: field, parameter: parameter, purpose: purpose, identity: identity, layer: d.reading, hidden: true).intents().map { (i + 1, $0) }
            }
            intents.append(found)
        }
        return intents
    }

    /// True for the roles that say what a parameter is for (its name, title and description).
    private static func describesParameter(_ role: TextField.Role) -> Bool {
        switch role {
        case .parameterName, .parameterTitle, .parameterDescription, .argumentName, .argumentDescription: true
        default: false
        }
    }

    /// True when one of this server's tool names (lowercased) starts with `word`. Names that share the
    /// word's bytes are checked as strings, at most 64 of them (past that the word counts as no own name).
    func hasOwnToolName(withPrefix word: String) -> Bool {
        let key = Array(word.utf8)
        var lo = 0, hi = ownToolNamesByBytes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ownToolNamesByBytes[mid].lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        var checked = 0
        while lo < ownToolNamesByBytes.count, checked < 64, ownToolNamesByBytes[lo].starts(with: key) {
            if String(decoding: ownToolNamesByBytes[lo], as: UTF8.self).hasPrefix(word) { return true }
            lo += 1
            checked += 1
        }
        return false
    }

    /// The concepts of every text of the parameter `field` belongs to (empty when it belongs to none).
    func concepts(ofParameterOf field: TextField) -> ConceptSet {
        guard let parameter = field.parameter else { return ConceptSet() }
        return parameterConcepts[ParameterKey(owner: field.owner, parameter: parameter)] ?? ConceptSet()
    }

    /// True when the holder of `field` is about any of `words` (its name, description opening or inputs).
    func purpose(of field: TextField, mentions words: WordSet) -> Bool {
        guard let purpose = purposes[field.owner] else { return false }
        return words.intersects(purpose)
    }

    /// True when the holder of `field` says it is about any of `words` (its name or description opening).
    func identity(of field: TextField, mentions words: WordSet) -> Bool {
        guard let identity = identities[field.owner] else { return false }
        return words.intersects(identity)
    }
}

/// One text field read once: its words and concepts, the needles and endpoints in it, and what its
/// hidden payloads say, read the same way.
final class FieldReading: Sendable {
    /// The field.
    let field: TextField
    /// The text as sent (tag characters read as the ASCII they shadow).
    let main: TextReading
    /// Each payload hidden in it (Base64, hex, ROT13, …) and its reading; identifiers are not decoded.
    let decoded: [(payload: PayloadDecoder.Decoded, reading: TextReading)]

    init(_ field: TextField, text: TokenizedText) {
        self.field = field
        main = TextReading(text, endpoints: !field.isIdentifier)
        decoded = field.isIdentifier ? [] : PayloadDecoder.decode(original: field.text, folded: text.folded).map {
            ($0, TextReading(TokenizedText($0.text), endpoints: true))
        }
    }

    /// A reading made of parts already read (a name read backwards as its description asks).
    init(_ field: TextField, main: TextReading, decoded: [(payload: PayloadDecoder.Decoded, reading: TextReading)]) {
        self.field = field
        self.main = main
        self.decoded = decoded
    }

    /// The main reading, then each decoded one.
    var layers: [TextReading] { [main] + decoded.map(\.reading) }
}

/// One text's words, concepts, needles and endpoints.
final class TextReading: Sendable {
    let text: TokenizedText
    let concepts: ConceptReading
    let needles: [NeedleSet<ThreatNeedles.Kind>.Match]
    let endpoints: [Endpoints.Endpoint]

    init(_ text: TokenizedText, endpoints: Bool) {
        self.text = text
        concepts = text.isEmpty ? ConceptReading() : ConceptReading(text)
        needles = ThreatNeedles.set.matches(in: text.folded)
        self.endpoints = endpoints ? Endpoints.find(in: text.folded) : []
    }

    /// The needles of `kind`.
    func needles(_ kind: ThreatNeedles.Kind) -> [NeedleSet<ThreatNeedles.Kind>.Match] {
        needles.filter { ThreatNeedles.set.entries[$0.entry].payload == kind }
    }

    /// True when a needle of `kind` occurs.
    func has(_ kind: ThreatNeedles.Kind) -> Bool { needles.contains { ThreatNeedles.set.entries[$0.entry].payload == kind } }

    /// The sentence number of the word at or after folded byte `offset` (the last sentence past the end).
    func sentence(atByte offset: Int) -> Int {
        let words = text.words
        guard !words.isEmpty else { return 0 }
        var lo = 0, hi = words.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(words[mid].end) <= offset { lo = mid + 1 } else { hi = mid }
        }
        return Int(words[min(lo, words.count - 1)].sentence)
    }

    /// The concepts of sentence `s` and the one before it (an order and its object often straddle a stop).
    func window(_ s: Int) -> ConceptSet { concepts.concepts(of: s).union(concepts.concepts(of: s - 1)) }
}
