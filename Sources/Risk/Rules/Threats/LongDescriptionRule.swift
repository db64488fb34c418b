/// Unusually long descriptions: room to bury instructions that no reviewer reads to the end.
struct LongDescriptionRule: FindingRule {
    /// Limits per kind of text, in characters.
    static let toolLimit = 2_000, parameterLimit = 1_000, instructionsLimit = 8_000

    let description = RuleDescription(
        id: "long-description",
        title: "Unusually long description",
        family: "threats",
        kind: .finding,
        severity: .low,
        confidence: .low,
        summary: "Reports descriptions longer than \(toolLimit) characters (\(parameterLimit) for parameters and arguments, \(instructionsLimit) for server instructions).",
        rationale: """
        Long descriptions are not wrong in themselves (cloud servers document a lot), but they are where poisoned
        text hides: past the part a client shows, or past what a reviewer reads. The length is reported so the
        text gets a look; other rules judge what it says.
        """,
        examples: [
            .finding(#"{"name": "big", "description": "\#(String(repeating: "Explains things at length. ", count: 80))"}"#, at: "/description", .low),
            .passes(#"{"name": "small", "description": "Gets the weather for a city."}"#),
        ])

    func findings(in index: ServerIndex) -> [FindingHit] {
        index.fields.compactMap { field -> FindingHit? in
            let limit: Int
            switch field.role {
            case .description: limit = Self.toolLimit
            case .parameterDescription, .argumentDescription: limit = Self.parameterLimit
            case .instructions: limit = Self.instructionsLimit
            default: return nil
            }
            // A text has no more characters than UTF-8 bytes: short texts skip counting. Characters are
            // counted as Unicode scalars: grapheme clusters would cost a pass that grows with what a hostile
            // server sends (12 MiB of invalid UTF-8), for a figure that is only reported.
            guard field.text.utf8.count > limit else { return nil }
            let length = field.text.unicodeScalars.count
            guard length > limit else { return nil }
            return FindingHit(pointer: field.pointer, quote: Quote.prefix(field.text),
                           message: "\(field.place.capitalizedFirst) is \(length) characters long (over \(limit))", severity: nil)
        }
    }
}
