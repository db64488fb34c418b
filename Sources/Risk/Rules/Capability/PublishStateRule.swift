import JSON

/// A tool whose status input can publish what it writes (`status: "published"` on a blog post): the
/// definition calls publishing to others execute, since readers see it as soon as the call returns.
struct PublishStateRule: CapabilityRule {
    static let id = "publish-state"

    /// Input names that hold a publication state.
    static let stateInputs: Set<String> = ["status", "state", "post_status", "page_status", "publish_status", "publication_status", "visibility"]
    /// Values that publish.
    static let publishing: Set<String> = ["publish", "published", "live"]
    /// The same values as words of a description listing the choices ("'published': publishes immediately").
    static let publishingWords: WordSet = ["publish", "published", "publishes"]
    /// Words that make the input a filter over existing items rather than the state of the one written.
    static let filterWords: WordSet = ["filter", "filters", "filtering", "only"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Publishes what it writes", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A `status` (or `state`, `visibility`) input whose values include `publish` or `published` argues for execute: the tool can publish to others.",
            rationale: """
            Creating a draft is a write; publishing a post or a page is sending it to every reader (the definition's
            "publishing or posting to others"), which no later call takes back from those who saw it. A tool that
            lets the caller set the state to published is as dangerous as its most dangerous state. A status that
            filters what a listing returns ("filter by status (publish, draft)") publishes nothing, and a tool whose
            name reads (list, get, search) only looks.
            """,
            examples: [
                .evidence(#"{"name": "create_post", "inputSchema": {"type": "object", "properties": {"status": {"type": "string", "default": "draft", "description": "Post status: 'draft' saves a draft, 'published' publishes immediately."}}}}"#, at: "/inputSchema/properties/status", .execute),
                .evidence(#"{"name": "wordpress_create_page", "inputSchema": {"type": "object", "properties": {"status": {"type": "string", "enum": ["draft", "pending", "publish"]}}}}"#, at: "/inputSchema/properties/status", .execute),
                .passes(#"{"name": "list_posts", "inputSchema": {"type": "object", "properties": {"status": {"type": "string", "description": "Filter by status (publish, draft, pending)."}}}}"#),
                .passes(#"{"name": "create_ticket", "inputSchema": {"type": "object", "properties": {"status": {"type": "string", "enum": ["open", "pending", "closed"]}}}}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        if let lead = tool.nameReading.leading, lead.entry.category == .read { return [] }
        for p in tool.properties.prefix(64) where p.depth == 0 && Self.stateInputs.contains(p.name.lowercased()) {
            if let value = p.enumValues.first(where: { Self.publishing.contains($0.value.lowercased()) }) {
                return [EvidenceHit(.execute, .publishState, at: p.pointer, quote: value.value, reason: "input '\(p.path)' can set the state to '\(value.value)': it publishes to others")]
            }
            guard p.enumValues.isEmpty, !p.prose.contains(Self.filterWords),
                  let i = p.prose.first(in: Self.publishingWords), i < p.prose.proseEnd else { continue }
            return [EvidenceHit(.execute, .publishState, at: p.pointer, quote: p.prose.quote(i, i), reason: "input '\(p.path)' can set the state to published: it publishes to others")]
        }
        return []
    }
}
