import JSON

/// A tool that changes state and declares no annotations at all.
struct MissingAnnotationsRule: VerdictRule {
    static let id = "missing-annotations"

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "State-changing tool without annotations", family: "annotations", kind: .finding, severity: .low, confidence: .medium,
            summary: "A tool that writes, runs code, destroys or moves money declares none of readOnlyHint, destructiveHint, idempotentHint, openWorldHint.",
            rationale: """
            Annotations let clients ask before risky calls. Without them a client must guess, and MCP's defaults
            (not read-only, possibly destructive) are often ignored in practice. This is a low-severity nudge to the
            server author; read-only tools without annotations are not reported.
            """,
            examples: [
                .finding(#"{"name": "delete_user", "description": "Deletes a user."}"#, at: "/name", .low),
                .passes(#"{"name": "get_user", "description": "Returns a user."}"#),
                .passes(#"{"name": "delete_user", "description": "Deletes a user.", "annotations": {"destructiveHint": true}}"#),
            ])
    }

    func findings(in tool: ToolContext, definition verdict: ToolVerdict) -> [FindingHit] {
        guard tool.annotations.isEmpty else { return [] }
        guard verdict.category != .read else { return [] }
        return [FindingHit(pointer: tool.namePointer, quote: tool.name,
                           message: "Tool '\(tool.name)' is \(verdict.category.rawValue) but declares no annotations (readOnlyHint, destructiveHint, idempotentHint, openWorldHint)")]
    }
}
