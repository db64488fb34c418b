/// A rule that reads the server through a shared `ServerIndex`. The assessor builds the index once per
/// server; `check` is derived for callers that hold only the definitions.
protocol IndexedRule: Rule {
    /// The hits in one indexed server.
    func hits(in index: ServerIndex) -> [RuleHit]
}

extension IndexedRule {
    /// The hits in `server`, indexing it first.
    func check(_ server: ReviewedServer) -> [RuleHit] { hits(in: ServerIndex(server)) }
}
