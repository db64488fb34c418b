/// The threat and contradiction (finding) rules, registered in one place.
enum ThreatRules {
    static let all: [any Rule] = [
        HiddenInstructionsRule(),
        SecretExfiltrationRule(),
        InvisibleUnicodeRule(),
        TerminalEscapeRule(),
        ToolShadowingRule(),
        ToolNameCollisionRule(),
        EncodedBlobRule(),
        LongDescriptionRule(),
        DuplicateKeySmugglingRule(),
        MalformedDefinitionRule(),
    ]
}
