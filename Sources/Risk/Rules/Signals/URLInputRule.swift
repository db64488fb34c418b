/// Inputs that take a URL: the tool reaches out to an address the caller picks (SSRF, exfiltration).
struct URLInputRule: SignalRule {
    /// Last words of a name that mean a URL.
    static let urlWords: WordSet = ["url", "urls", "uri", "uris", "endpoint", "endpoints", "webhook", "webhooks", "href", "hrefs"]
    /// Schema formats that mean a URL.
    static let urlFormats: Set<String> = ["uri", "url", "iri", "uri-reference", "iri-reference"]

    let description = RuleDescription(
        id: "url-input",
        title: "Accepts a URL",
        family: "signals",
        kind: .signal,
        severity: .low,
        confidence: .high,
        summary: "Flags inputs that take a URL, URI, endpoint or webhook address.",
        rationale: """
        A URL chosen by the model lets the server fetch from or send to any address it can reach: internal
        services (server-side request forgery) or an attacker's collector (exfiltration). Policies should pin
        URL inputs to known hosts where they can.
        """,
        examples: [
            .signal(#"{"name": "fetch", "inputSchema": {"type": "object", "properties": {"url": {"type": "string", "format": "uri"}}}}"#, at: "/inputSchema/properties/url"),
            .signal(#"{"name": "notify", "inputSchema": {"type": "object", "properties": {"target": {"type": "string", "format": "uri"}, "webhookUrl": {"type": "string"}}}}"#, at: "/inputSchema/properties/webhookUrl"),
            .passes(#"{"name": "get_page", "inputSchema": {"type": "object", "properties": {"url_id": {"type": "string"}, "page": {"type": "integer"}}}}"#),
        ])

    func signals(in tool: ToolContext) -> [SignalHit] {
        PropertySignals.hits(tool) { p in
            let formats = InputProperties.branches(p.schema).compactMap { $0["format"]?.stringValue }
                + InputProperties.branches(p.schema).compactMap { $0["items"]?["format"]?.stringValue }
            if formats.contains(where: Self.urlFormats.contains) { return p.path }
            guard p.takesText, let last = p.lastWord else { return nil }
            return Self.urlWords.contains(last) ? p.path : nil
        }
    }
}
