import JSON

/// A server's definitions read once for every finding rule: its text fields, each folded once. The
/// assessor builds one per server and hands it to every `FindingRule`.
struct ServerIndex {
    /// The definitions read.
    let server: ReviewedServer
    /// Every text field, in document order (`TextFields.all`).
    let fields: [TextField]
    /// The folded form of each field in `fields`, or nil for identifiers (names, URIs), which no rule
    /// searches as prose and which are folded on demand.
    let folded: [FoldedText?]

    /// Reads `server` once.
    init(_ server: ReviewedServer) {
        self.server = server
        let fields = TextFields.all(in: server)
        self.fields = fields
        self.folded = fields.map { $0.isIdentifier ? nil : FoldedText($0.text) }
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
