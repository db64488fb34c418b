/// The annotation finding rules (contradictions and omissions), registered in one place.
enum AnnotationRules {
    static let all: [any Rule] = [AnnotationContradictionRule(), MissingAnnotationsRule()]

    /// Classifies tools from their definition alone: every capability rule except the annotations
    /// themselves, so a hint can be checked against what the tool says it does.
    static let definitionClassifier = ToolClassifier(rules: CapabilityRules.all.filter { $0.description.id != AnnotationHintRule.id })
}
