import JSON

/// An input that takes SQL (or another query language), judged by whether the tool admits writes.
struct SQLInputRule: CapabilityRule {
    static let id = "sql-input"
    /// Property names that carry a query or statement.
    static let queryNames: WordSet = ["sql", "query", "statement", "statements", "cypher", "sparql", "hql", "cql"]
    /// Words that say the query may write.
    static let writeWords: WordSet = ["insert", "update", "delete", "drop", "alter", "create", "truncate", "ddl", "dml", "merge", "upsert", "grant", "write", "writes", "modify", "modifies", "mutation", "mutations"]
    /// Query languages that can change data when nothing limits them.
    static let languages: WordSet = ["sql", "cypher", "sparql", "graphql", "gql", "hql", "cql", "tsql", "spl", "splunk"]
    /// Words that say the query is SQL-like (so `query` is not a search box).
    static let sqlWords: WordSet = ["sql", "select", "statement", "statements", "cypher", "postgres", "postgresql", "mysql", "sqlite", "duckdb", "clickhouse", "snowflake", "bigquery", "sparql", "ddl", "dml", "mariadb", "oracle", "mssql", "tsql", "redshift", "athena", "trino", "presto", "graphql", "gql", "hql", "cql", "soql", "database", "db", "table", "tables", "spl", "splunk"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Input that takes SQL", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A `sql`/`query` input argues for execute when the tool admits writes (INSERT, UPDATE, DELETE, DDL), for read when it admits only SELECT.",
            rationale: """
            A generic SQL runner is execute: SQL can change or drop anything the connection may touch. A query tool
            documented as read-only is read. `query` alone is often a search box, so it counts only when the tool
            speaks of SQL, tables or a database.
            """,
            examples: [
                .evidence(#"{"name": "x", "description": "Execute an INSERT, UPDATE or DELETE statement.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#, at: "/inputSchema/properties/query", .execute),
                .evidence(#"{"name": "x", "description": "Run a SELECT query on the database (read-only).", "inputSchema": {"type": "object", "properties": {"sql": {"type": "string"}}}}"#, at: "/inputSchema/properties/sql", .read),
                .evidence(#"{"name": "query", "description": "Run a SQL query.", "inputSchema": {"type": "object", "properties": {"sql": {"type": "string"}}}}"#, at: "/inputSchema/properties/sql", .execute),
                .evidence(#"{"name": "read_query", "description": "Execute a SELECT query on the database.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#, at: "/inputSchema/properties/query", .read),
                .evidence(#"{"name": "execute_query", "description": "Execute a SELECT query on the database.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#, at: "/inputSchema/properties/query", .execute),
                .evidence(#"{"name": "run_soql", "description": "Executes a SOQL query against Salesforce.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#, at: "/inputSchema/properties/query", .read),
                // Splunk's SPL can delete events, write lookups and send mail (`| delete`, `| outputlookup`, `| sendemail`).
                .evidence(#"{"name": "search_splunk", "description": "Execute a search query in Splunk and return results.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#, at: "/inputSchema/properties/query", .execute),
                .evidence(#"{"name": "confluence_search", "description": "Search Confluence content using CQL.", "inputSchema": {"type": "object", "properties": {"cql": {"type": "string"}}}}"#, at: "/inputSchema/properties/cql", .read),
                .passes(#"{"name": "search", "description": "Search documents.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#),
            ])
    }

    private static let statements: WordSet = ["select", "insert", "update", "delete", "create", "drop", "alter", "upsert"]
    private static let select = WordHash.of("select"), ddl = WordHash.of("ddl"), soql = WordHash.of("soql"), splunk = WordHash.of("splunk")
    private static let cql = WordHash.of("cql"), confluence = WordHash.of("confluence")
    /// Name words that say a query tool reads (`read_query`, `select_rows`).
    private static let readingNames: WordSet = ["read", "select", "get", "fetch", "list", "search", "lookup"]

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        guard let p = tool.properties.first(where: { q in q.enumValues.isEmpty && q.lastWord(in: Self.queryNames) }) else { return [] }
        let prose = tool.prose
        let proseWords = prose.words[..<prose.proseEnd].map(\.hash)
        let inputWords = p.prose.words[..<p.prose.proseEnd].map(\.hash)
        let words = proseWords + inputWords + tool.nameHashes
        // Whether the input is SQL is told by the input itself or the tool's first sentence; a passing
        // mention later ("not for metrics SQL syntax") does not make a PromQL box a SQL runner.
        let opening = prose.words[prose.firstSentence].map(\.hash) + inputWords + p.words
        let statementCount = Set(opening.filter(Self.statements.contains)).count
        // On a Splunk server every `query` is SPL, whether or not the tool says so.
        let isSQL = opening.contains(where: Self.sqlWords.contains) || statementCount >= 2 || tool.serverVocabulary.contains(Self.splunk)
        guard isSQL else { return [] }
        // On a Confluence server CQL is the Confluence Query Language: it finds pages and people and never writes.
        if opening.contains(Self.cql), tool.serverVocabulary.contains(Self.confluence), !opening.contains(where: Self.statements.contains) {
            return [EvidenceHit(.read, .sqlInput, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes Confluence's CQL, which only searches")]
        }
        let readOnly = ReadOnlyStatementRule.claimsReadOnly(prose, p.prose, tool.nameWords)
        if let writeWord = words.firstIndex(where: Self.writeWords.contains), !readOnly || words.contains(Self.ddl) {
            let word = Self.writeWords.words.first { WordHash.of($0) == words[writeWord] } ?? "write"
            return [EvidenceHit(.execute, .writableSQL, at: p.pointer, quote: p.name,
                                reason: "input '\(p.path)' takes SQL and the tool admits writes ('\(word)')")]
        }
        if readOnly {
            return [EvidenceHit(.read, .sqlInput, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes SQL and the tool says it is read-only")]
        }
        // SOQL has no statement that writes: Salesforce changes records through another API.
        if opening.contains(Self.soql) {
            return [EvidenceHit(.read, .sqlInput, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes SOQL, which only reads")]
        }
        // "Execute a SELECT query" on a tool named for reading (`read_query`) documents a reader; the same
        // sentence on `execute_query` only says what queries usually look like (the definition: examples that
        // show SELECT do not make a runner read-only).
        if opening.contains(Self.select), statementCount == 1, tool.nameHashes.contains(where: Self.readingNames.contains) {
            return [EvidenceHit(.read, .sqlInput, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes SQL, and the tool is named for reading and says it runs SELECT queries")]
        }
        // Named SQL with no limit is a SQL runner, whatever verb the name uses (`query`, `run_query`).
        let namesSQL = opening.contains(where: Self.languages.contains) || tool.serverVocabulary.contains(Self.splunk)
        return [EvidenceHit(.execute, namesSQL ? .namedSQL : .sqlInput, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes SQL and nothing limits it to reads")]
    }
}
