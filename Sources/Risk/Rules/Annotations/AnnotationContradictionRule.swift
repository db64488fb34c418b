import JSON

/// Annotations that contradict the definition: `readOnlyHint: true` on a tool that writes, runs, deletes or
/// pays; `destructiveHint: false` on a tool that destroys.
struct AnnotationContradictionRule: VerdictRule {
    static let id = "annotation-contradiction"
    /// The weakest evidence that counts as the definition "saying" something.
    static let minimumWeight = 45
    /// How far the definition's category must lead any read evidence.
    static let margin = 15

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Annotation contradicts the definition", family: "annotations", kind: .finding, severity: .high, confidence: .medium,
            summary: "A tool declares `readOnlyHint: true` (or `destructiveHint: false`) while its name, description or inputs say it writes, runs code, destroys or moves money.",
            rationale: """
            Clients use annotations to decide what to run without asking. A read-only hint on `delete_user` lets a
            client skip the confirmation that would have stopped a deletion, whether the server author erred or
            lied. The tool is classified from its definition alone (annotations left out); when that classification
            rests on clear evidence and disagrees with the hint, the hint is reported. The tool's category does not
            follow the hint.
            """,
            examples: [
                .finding(#"{"name": "delete_user", "description": "Deletes a user.", "annotations": {"readOnlyHint": true}}"#, at: "/annotations/readOnlyHint", .high),
                .finding(#"{"name": "drop_table", "description": "Drops a table.", "annotations": {"destructiveHint": false}}"#, at: "/annotations/destructiveHint", .high),
                .passes(#"{"name": "get_user", "description": "Returns a user.", "annotations": {"readOnlyHint": true}}"#),
                .passes(#"{"name": "git_branch", "description": "List Git branches.", "annotations": {"readOnlyHint": true}}"#),
                .passes(#"{"name": "delete_user", "description": "Deletes a user.", "annotations": {"readOnlyHint": false, "destructiveHint": true}}"#),
            ])
    }

    func findings(in tool: ToolContext, definition verdict: ToolVerdict) -> [FindingHit] {
        let a = tool.annotations
        guard a.readOnlyHint == true || a.destructiveHint == false else { return [] }
        // Only a clear case: strong evidence, and nothing close to it arguing for read.
        guard let deciding = verdict.evidence.first(where: { $0.category == verdict.category }), deciding.weight >= Self.minimumWeight,
              (verdict.scores[.read] ?? 0) + Self.margin <= (verdict.scores[verdict.category] ?? deciding.weight) else { return [] }
        let at = tool.pointer.appending("annotations")
        var hits: [FindingHit] = []
        if a.readOnlyHint == true && verdict.category != .read {
            hits.append(FindingHit(pointer: at.appending("readOnlyHint"), quote: "readOnlyHint: true",
                                   message: "Tool '\(tool.name)' declares readOnlyHint: true, but its definition says \(verdict.category.rawValue): \(deciding.summary)"))
        }
        if a.destructiveHint == false && verdict.category == .destructive && a.readOnlyHint != true {
            hits.append(FindingHit(pointer: at.appending("destructiveHint"), quote: "destructiveHint: false",
                                   message: "Tool '\(tool.name)' declares destructiveHint: false, but its definition says destructive: \(deciding.summary)"))
        }
        return hits
    }
}
