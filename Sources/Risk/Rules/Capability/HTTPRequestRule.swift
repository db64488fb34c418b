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

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        guard tool.properties.contains(where: { $0.depth == 0 && $0.lastWord(in: Self.targets) }),
              let method = tool.properties.first(where: { $0.depth == 0 && $0.lastWord == Self.method && ($0.enumValues.isEmpty || Self.isMethodEnum($0)) })
        else { return [] }
        let values = Set(method.enumValues.map { $0.value.uppercased() })
        if !values.isEmpty && values.isSubset(of: Self.safeMethods) {
            return [EvidenceHit(.read, .safeHTTPMethod, at: method.pointer, quote: method.name, reason: "input '\(method.path)' allows only \(values.sorted().joined(separator: "/"))")]
        }
        return [EvidenceHit(.execute, .anyHTTPMethod, at: method.pointer, quote: method.name, reason: "input '\(method.path)' chooses any HTTP method for a caller-chosen endpoint")]
    }
}
