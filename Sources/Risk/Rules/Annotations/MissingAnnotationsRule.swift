import JSON

/// A tool that changes state and declares no annotations at all.
struct MissingAnnotationsRule: ToolRule {
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
                .triggers(#"{"name": "delete_user", "description": "Deletes a user."}"#, at: "/name"),
                .passes(#"{"name": "get_user", "description": "Returns a user."}"#),
                .passes(#"{"name": "delete_user", "description": "Deletes a user.", "annotations": {"destructiveHint": true}}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        guard tool.annotations.isEmpty else { return [] }
        let verdict = AnnotationRules.definitionClassifier.classify(tool)
        guard verdict.category != .read else { return [] }
        return [RuleHit(pointer: tool.namePointer, quote: tool.name,
                        message: "Tool '\(tool.name)' is \(verdict.category.rawValue) but declares no annotations (readOnlyHint, destructiveHint, idempotentHint, openWorldHint)",
                        effect: .finding(severity: nil))]
    }
}
