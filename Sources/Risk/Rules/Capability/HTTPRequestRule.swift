import JSON

/// A pass-through HTTP client: any method to any path or URL, with a body.
struct HTTPRequestRule: CapabilityRule {
    static let id = "http-request"
    /// HTTP methods, upper-cased.
    static let methods: Set<String> = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
    /// Methods that only read.
    static let safeMethods: Set<String> = ["GET", "HEAD", "OPTIONS"]
    /// Inputs naming where the request goes.
    static let targets: WordSet = ["url", "path", "endpoint", "uri", "route"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Any HTTP request", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "An input choosing the HTTP method, next to a URL or path input, makes a pass-through HTTP client: execute, unless only GET is allowed.",
            rationale: """
            A tool that sends POST, PUT or DELETE with a caller-chosen body to a caller-chosen endpoint can do
            whatever the API can, like a shell for that service: execute. Restricted to GET (or HEAD) it only reads.
            HTTP method values are not read as separate actions (see `action-enum`).
            """,
            examples: [
                .evidence(#"{"name": "api_request", "inputSchema": {"type": "object", "properties": {"method": {"type": "string", "description": "HTTP method (GET, POST, PUT, DELETE)"}, "path": {"type": "string"}, "body": {"type": "object"}}}}"#, at: "/inputSchema/properties/method", .execute),
                .evidence(#"{"name": "fetch", "inputSchema": {"type": "object", "properties": {"method": {"enum": ["GET", "HEAD"]}, "url": {"type": "string"}}}}"#, at: "/inputSchema/properties/method", .read),
                .passes(#"{"name": "fetch", "inputSchema": {"type": "object", "properties": {"url": {"type": "string"}}}}"#),
            ])
    }

    /// True when every value of `p` is an HTTP method.
    static func isMethodEnum(_ p: InputProperty) -> Bool {
        !p.enumValues.isEmpty && p.enumValues.allSatisfy { methods.contains($0.value.uppercased()) }
    }

    private static let method = WordHash.of("method")
    /// Names of a method input that is the HTTP method (`method`, `http_method`, `request_method`), not an
    /// authentication or payment method.
    private static let methodNames = [WordSequence("method"), WordSequence("http method"), WordSequence("request method")]
    /// Inputs that carry a request body.
    private static let bodyWords: WordSet = ["body", "data", "payload", "json", "content", "form"]

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        guard tool.properties.contains(where: { $0.depth == 0 && $0.lastWord(in: Self.targets) }),
              let method = tool.properties.first(where: { p in p.depth == 0 && Self.methodNames.contains { $0.equals(p.words) } && (p.enumValues.isEmpty || Self.isMethodEnum(p)) })
        else { return [] }
        let values = Set(method.enumValues.map { $0.value.uppercased() })
        if !values.isEmpty && values.isSubset(of: Self.safeMethods) {
            return [EvidenceHit(.read, .safeHTTPMethod, at: method.pointer, quote: method.name, reason: "input '\(method.path)' allows only \(values.sorted().joined(separator: "/"))")]
        }
        // `get_endpoint_spec(method, path)` looks a request up; a client sends one (it has a body, or its verb acts).
        let sends = tool.properties.contains { $0.depth == 0 && $0.lastWord(in: Self.bodyWords) } || tool.nameReading.leading?.entry.category != .read
        guard sends else { return [] }
        return [EvidenceHit(.execute, .anyHTTPMethod, at: method.pointer, quote: method.name, reason: "input '\(method.path)' chooses any HTTP method for a caller-chosen endpoint")]
    }
}
