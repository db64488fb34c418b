import JSON

/// A server's definitions read once for every rule: its text fields (each folded once) and each
/// tool's input properties (each schema walked once). The assessor builds one per server and hands it
/// to every `IndexedRule`; without it, each rule would list, fold and walk the same texts again.
struct ServerIndex {
    /// The definitions read.
    let server: ReviewedServer
    /// Every text field, in document order (`TextFields.all`).
    let fields: [TextField]
    /// The folded form of each field in `fields`, or nil for identifiers (names, URIs), which no rule
    /// searches as prose and which are folded on demand.
    let folded: [FoldedText?]
    /// The input properties of each tool in `server.tools`, by position (`InputProperties.all`).
    let inputProperties: [[InputProperty]]

    /// Reads `server` once, taking the input properties of `tools` (already read) instead of walking
    /// their schemas again.
    init(_ server: ReviewedServer, tools: [AnalyzedTool] = []) {
        self.server = server
        let fields = TextFields.all(in: server)
        self.fields = fields
        self.folded = fields.map { $0.isIdentifier ? nil : FoldedText($0.text) }
        var known: [Int: [InputProperty]] = [:]
        for tool in tools { known[tool.index] = tool.properties }
        self.inputProperties = server.tools.enumerated().map { known[$0.offset] ?? InputProperties.all(tool: $0.element, index: $0.offset) }
    }

    /// The Unicode scalars of field `i`'s text, as read when folding it.
    func scalars(of i: Int) -> [Unicode.Scalar] {
        folded[i]?.scalars ?? Array(fields[i].text.unicodeScalars)
    }

    /// Every field `include` accepts, with its folded form.
    func foldedFields(_ include: (TextField) -> Bool = { _ in true }) -> [(field: TextField, text: FoldedText)] {
        fields.indices.compactMap { i in
            include(fields[i]) ? (fields[i], folded[i] ?? FoldedText(fields[i].text)) : nil
        }
    }
}
