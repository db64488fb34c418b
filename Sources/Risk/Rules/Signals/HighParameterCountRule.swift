import JSON

/// Tools with very many input properties: a wide surface that is hard to review or constrain.
struct HighParameterCountRule: SignalRule {
    /// At this many properties (nested ones included) a tool is flagged.
    static let threshold = 15

    let description = RuleDescription(
        id: "high-parameter-count",
        title: "High parameter count",
        family: "signals",
        kind: .signal,
        severity: .low,
        confidence: .high,
        summary: "Flags tools whose input schema has \(threshold) or more properties, nested ones included.",
        rationale: """
        Every parameter is a way for the model (or a prompt injection steering it) to change what a call does.
        A tool with dozens of inputs is usually a whole API behind one name, and a policy that only looks at the
        tool name cannot tell its harmless uses from its dangerous ones.
        """,
        examples: [
            .passes(#"{"name": "get_weather", "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}, "units": {"type": "string"}}}}"#),
            .signal(#"{"name": "create_issue", "inputSchema": {"type": "object", "properties": {"a": {}, "b": {}, "c": {}, "d": {}, "e": {}, "f": {}, "g": {}, "h": {}, "i": {}, "j": {}, "k": {}, "l": {}, "m": {}, "fields": {"type": "object", "properties": {"n": {}, "o": {}}}}}}"#, at: "/inputSchema"),
        ])

    func signals(in tool: ToolContext) -> [SignalHit] {
        let count = tool.properties.count
        guard count >= Self.threshold else { return [] }
        return [SignalHit(pointer: tool.pointer.appending("inputSchema"), path: nil, detail: "\(count) properties")]
    }
}
