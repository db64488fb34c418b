/// The threat and contradiction (finding) rules, registered in one place.
enum ThreatRules {
    static let all: [any Rule] = [
        HiddenInstructionsRule(),
        ConcealmentRule(),
        CoercionRule(),
        SecretExfiltrationRule(),
        DataSinkRule(),
        InvisibleUnicodeRule(),
        TerminalEscapeRule(),
        ToolShadowingRule(),
        ToolNameCollisionRule(),
        MixedScriptRule(),
        EncodedBlobRule(),
        LongDescriptionRule(),
        DuplicateKeySmugglingRule(),
        MalformedDefinitionRule(),
        LearnedPoisoningRule(),
    ]
}
