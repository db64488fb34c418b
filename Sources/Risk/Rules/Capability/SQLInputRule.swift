import JSON

/// An input that takes SQL (or another query language), judged by whether the tool admits writes.
struct SQLInputRule: ToolRule {
    static let id = "sql-input"
    /// Property names that carry a query or statement.
    static let queryNames: Set<String> = ["sql", "query", "statement", "statements", "cypher", "sparql", "hql", "cql"]
    /// Words that say the query may write.
    static let writeWords: Set<String> = ["insert", "update", "delete", "drop", "alter", "create", "truncate", "ddl", "dml", "merge", "upsert", "grant", "write", "writes", "modify", "modifies", "mutation", "mutations"]
    /// Query languages that can change data when nothing limits them.
    static let languages: Set<String> = ["sql", "cypher", "sparql", "graphql", "gql", "hql", "cql", "tsql"]
    /// Words that say the query is SQL-like (so `query` is not a search box).
    static let sqlWords: Set<String> = ["sql", "select", "statement", "statements", "cypher", "postgres", "postgresql", "mysql", "sqlite", "duckdb", "clickhouse", "snowflake", "bigquery", "sparql", "ddl", "dml", "mariadb", "oracle", "mssql", "tsql", "redshift", "athena", "trino", "presto", "graphql", "gql", "hql", "cql", "database", "db", "table", "tables"]

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
                .triggers(#"{"name": "x", "description": "Execute an INSERT, UPDATE or DELETE statement.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#, at: "/inputSchema/properties/query"),
                .triggers(#"{"name": "x", "description": "Run a SELECT query on the database (read-only).", "inputSchema": {"type": "object", "properties": {"sql": {"type": "string"}}}}"#, at: "/inputSchema/properties/sql"),
                .triggers(#"{"name": "query", "description": "Run a SQL query.", "inputSchema": {"type": "object", "properties": {"sql": {"type": "string"}}}}"#, at: "/inputSchema/properties/sql"),
                .passes(#"{"name": "search", "description": "Search documents.", "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}}}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        guard let p = tool.properties.first(where: { q in q.enumValues.isEmpty && q.words.last.map(Self.queryNames.contains) == true }) else { return [] }
        let words = tool.proseTexts + p.prose.words.map(\.text) + tool.nameTokens.texts
        // Whether the input is SQL is told by the input itself or the tool's first sentence; a passing
        // mention later ("not for metrics SQL syntax") does not make a PromQL box a SQL runner.
        let opening = tool.prose.firstSentence.map { tool.proseTexts[$0] } + p.prose.words.map(\.text) + p.words
        let statements = Set(opening).intersection(["select", "insert", "update", "delete", "create", "drop", "alter", "upsert"])
        let isSQL = opening.contains(where: Self.sqlWords.contains) || statements.count >= 2
        guard isSQL else { return [] }
        let readOnly = !ReadOnlyStatementRule.matcher.matches(in: words).isEmpty
        if let writeWord = words.first(where: Self.writeWords.contains), !readOnly || words.contains("ddl") {
            return [.evidence(.execute, weight: 65, at: p.pointer, quote: p.name,
                              reason: "input '\(p.path)' takes SQL and the tool admits writes ('\(writeWord)')")]
        }
        if readOnly {
            return [.evidence(.read, weight: 50, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes SQL and the tool says it is read-only")]
        }
        if words.contains("select") {
            return [.evidence(.read, weight: 50, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes SQL and only SELECT is mentioned")]
        }
        // Named SQL with no limit is a SQL runner, whatever verb the name uses (`query`, `run_query`).
        let namesSQL = opening.contains(where: Self.languages.contains)
        return [.evidence(.execute, weight: namesSQL ? 62 : 50, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes SQL and nothing limits it to reads")]
    }
}
