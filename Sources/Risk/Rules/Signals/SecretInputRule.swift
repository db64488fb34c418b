/// Inputs that take a secret: a password, token, API key, private key or credential passes through the model.
struct SecretInputRule: SignalRule {
    /// Words that make a name a secret wherever they appear (unless a reference word ends the name).
    static let secretWords: WordSet = [
        "password", "passwords", "passwd", "passphrase", "secret", "credential", "credentials", "apikey",
        "privatekey", "mnemonic", "cookie", "cookies", "bearer", "authorization", "otp", "totp",
    ]
    /// Pairs of words that make a secret: `api_key`, `private_key`, `access_key`, `seed_phrase`.
    static let secretPairs: [[String]] = [
        ["api", "key"], ["api", "keys"], ["private", "key"], ["access", "key"], ["signing", "key"], ["seed", "phrase"],
        ["recovery", "phrase"], ["session", "key"], ["encryption", "key"], ["mfa", "code"],
    ]
    /// Words before `token` that make it a credential (`access_token`, `github_token`); other compound
    /// tokens are bookkeeping (`next_token`, `version_token`, `instrument_token`, `preview_token`).
    static let credentialTokenWords: WordSet = [
        "access", "auth", "api", "bearer", "refresh", "session", "id", "github", "gitlab", "slack", "discord", "telegram",
        "notion", "personal", "security", "oauth", "jwt", "mfa", "secret", "app", "bot", "service", "user", "admin",
        "private", "hf", "openai", "npm", "pat", "login", "csrf", "xsrf", "otp", "webhook", "registry", "deploy", "sas",
    ]
    /// Description phrases that mark a token as pagination.
    static let paginationPhrases = ["pagination", "next page", "next set", "nexttoken", "continuation", "previous page", "page of results"].map(Needle.init)

    let description = RuleDescription(
        id: "secret-input",
        title: "Accepts a secret",
        family: "signals",
        kind: .signal,
        severity: .low,
        confidence: .medium,
        summary: "Flags inputs that take passwords, tokens, API keys, private keys or other credentials.",
        rationale: """
        A secret passed as a tool argument travels through the model's context, its logs and the client's
        transcript, and a prompt injection can ask for it. Servers should read credentials from their own
        configuration; where they must take them as input, a policy should know.
        """,
        examples: [
            .signal(#"{"name": "login", "inputSchema": {"type": "object", "properties": {"user": {"type": "string"}, "password": {"type": "string"}}}}"#, at: "/inputSchema/properties/password"),
            .signal(#"{"name": "call", "inputSchema": {"type": "object", "properties": {"apiKey": {"type": "string"}}}}"#, at: "/inputSchema/properties/apiKey"),
            .signal(#"{"name": "connect", "inputSchema": {"type": "object", "properties": {"auth": {"type": "string", "writeOnly": true}}}}"#, at: "/inputSchema/properties/auth"),
            .signal(#"{"name": "push", "inputSchema": {"type": "object", "properties": {"github_token": {"type": "string"}}}}"#, at: "/inputSchema/properties/github_token"),
            .passes(#"{"name": "list_queues", "inputSchema": {"type": "object", "properties": {"next_token": {"type": "string"}, "max_tokens": {"type": "integer"}, "secret_id": {"type": "string"}, "private_key_path": {"type": "string"}, "version_token": {"type": "string"}, "reveal_secrets": {"type": "boolean"}}}}"#),
            .passes(#"{"name": "list", "inputSchema": {"type": "object", "properties": {"token": {"type": "string", "description": "Pagination token from the previous response"}}}}"#),
        ])

    private static let pairs = secretPairs.map { WordSequence($0.joined(separator: " ")) }
    private static let token = WordHash.of("token")

    func signals(in tool: ToolContext) -> [SignalHit] {
        PropertySignals.hits(tool) { p in
            if InputProperties.branches(p.schema).contains(where: { $0["writeOnly"]?.boolValue == true || $0["format"]?.stringValue == "password" }) {
                return p.path
            }
            let words = p.words
            guard p.takesText, let last = words.last, !PropertySignals.referenceWords.contains(last) else { return nil }
            if words.contains(where: Self.secretWords.contains) { return p.path }
            if Self.pairs.contains(where: { $0.occurs(in: words) }) { return p.path }
            if last == Self.token {
                if words.count >= 2 { return Self.credentialTokenWords.contains(words[words.count - 2]) ? p.path : nil }
                if Self.paginationPhrases.contains(where: { $0.occurs(in: p.prose) }) { return nil }
                return p.path
            }
            return nil
        }
    }
}
