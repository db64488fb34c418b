import JSON

/// The tool's own annotations, taken as evidence and never as proof.
struct AnnotationHintRule: CapabilityRule {
    static let id = "annotation-hint"

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Declared annotation hints", family: "capability", kind: .capability, severity: .low, confidence: .low,
            summary: "`readOnlyHint: true` nudges an ambiguous tool toward read; `destructiveHint: true` toward destructive.",
            rationale: """
            MCP annotations are claims by the server author, not guarantees, and hostile servers can lie. They weigh
            less than a clear verb: `readOnlyHint: true` settles a vague name but cannot turn `delete_user` into a read.
            Contradictions are reported by `annotation-contradiction`.
            """,
            examples: [
                .evidence(#"{"name": "x", "annotations": {"readOnlyHint": true}}"#, at: "/annotations/readOnlyHint", .read),
                .evidence(#"{"name": "x", "annotations": {"readOnlyHint": false, "destructiveHint": true}}"#, at: "/annotations/destructiveHint", .destructive),
                .evidence(#"{"name": "x", "annotations": {"readOnlyHint": false, "destructiveHint": false}}"#, at: "/annotations/readOnlyHint", .write),
                .passes(#"{"name": "x", "annotations": {"title": "X"}}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        let a = tool.annotations
        let at = tool.pointer.appending("annotations")
        if a.readOnlyHint == true {
            return [EvidenceHit(.read, .readOnlyHint, at: at.appending("readOnlyHint"), quote: "readOnlyHint: true", reason: "the tool declares itself read-only (a hint)")]
        }
        if a.destructiveHint == true {
            return [EvidenceHit(.destructive, .destructiveHint, at: at.appending("destructiveHint"), quote: "destructiveHint: true", reason: "the tool declares it may destroy data (a hint)")]
        }
        if a.readOnlyHint == false && a.destructiveHint == false {
            return [EvidenceHit(.write, .writeHint, at: at.appending("readOnlyHint"), quote: "readOnlyHint: false", reason: "the tool declares it changes state without destroying (a hint)")]
        }
        return []
    }
}
