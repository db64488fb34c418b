/// Inputs that take raw HTML, template or markup content that something downstream will render.
struct RawContentInputRule: SignalRule {
    /// Words that make a name markup wherever they appear.
    static let markupWords: WordSet = ["html", "xhtml", "svg", "jinja", "mjml", "markdown", "handlebars", "mustache"]
    /// Last words of names that hold a body of content.
    static let bodyWords: WordSet = ["body", "content", "contents", "text", "message", "source", "markup", "template", "html", "string"]
    /// Description phrases that say the content is markup or a template.
    static let markupPhrases = [
        "html", "markdown", "templating", "template syntax", "jinja", "handlebars", "mustache", "rich text", "wiki markup", "storage format",
        "xhtml", "svg", "mjml", "jsx",
    ].map(Needle.init)

    let description = RuleDescription(
        id: "raw-content-input",
        title: "Accepts raw HTML/template content",
        family: "signals",
        kind: .signal,
        severity: .low,
        confidence: .medium,
        summary: "Flags inputs that take HTML, templates, Markdown or chat message content to be rendered or sent on.",
        rationale: """
        Raw markup reaches browsers, mail clients, wikis or template engines, where it can carry script, tracking
        pixels, phishing links or template injection; message content reaches another model. Policies may want
        to limit who the content goes to, or to plain text.
        """,
        examples: [
            .signal(#"{"name": "send_email", "inputSchema": {"type": "object", "properties": {"to": {"type": "string"}, "body_html": {"type": "string"}}}}"#, at: "/inputSchema/properties/body_html"),
            .signal(#"{"name": "complete", "inputSchema": {"type": "object", "properties": {"messages": {"type": "array", "items": {"type": "object", "properties": {"role": {"type": "string"}, "content": {"type": "string"}}}}}}}"#, at: "/inputSchema/properties/messages/items/properties/content"),
            .signal(#"{"name": "create_page", "inputSchema": {"type": "object", "properties": {"content": {"type": "string", "description": "Page content in Markdown"}}}}"#, at: "/inputSchema/properties/content"),
            .passes(#"{"name": "render", "inputSchema": {"type": "object", "properties": {"template_id": {"type": "string"}, "html_url": {"type": "string"}, "content": {"type": "string", "description": "Plain text of the note"}, "query_string": {"type": "string", "description": "See https://docs.example.com/QuerySyntax.html"}, "application_template": {"type": "string", "description": "Template name, e.g. hello-world"}}}}"#),
        ])

    private static let template = WordHash.of("template")

    func signals(in tool: ToolContext) -> [SignalHit] {
        PropertySignals.hits(tool) { p in
            guard p.takesText, let last = p.lastWord, !PropertySignals.referenceWords.contains(last) else { return nil }
            if p.hasWord(in: Self.markupWords) { return p.path }
            if p.words.contains(Self.template), last != Self.template, Self.bodyWords.contains(last) { return p.path }
            if p.path.hasSuffix("messages[].content") || p.path.hasSuffix("messages[].content[].text") { return p.path }
            if Self.bodyWords.contains(last) {
                let folded = p.prose.folded
                // A file extension in a link (`QuerySyntax.html`) says nothing about the input.
                let mentions = Self.markupPhrases.contains { phrase in
                    phrase.ranges(in: folded, wholeWords: true).contains { $0.lowerBound == 0 || folded[$0.lowerBound - 1] != 0x2E }
                }
                if mentions { return p.path }
            }
            return nil
        }
    }
}
