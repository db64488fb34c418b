/// Every phrase list of every rule, by name: the registry the `PhraseBook` compiles. Adding a list means
/// adding a case here and returning the list from `list`.
enum PhraseKey: Int, CaseIterable, Sendable {
    case descriptionPhrases, readOnlyStatements, reversibleStatements, fileOutputStatements
    /// The threat rules' multilingual concepts (`ThreatLexicon`).
    case threatConcepts

    /// The list registered under this key.
    var list: any AnyPhraseList {
        switch self {
        case .descriptionPhrases: DescriptionPhraseRule.phrases
        case .readOnlyStatements: ReadOnlyStatementRule.phrases
        case .reversibleStatements: ReversibleStatementRule.phrases
        case .fileOutputStatements: FileOutputRule.phrases
        case .threatConcepts: ThreatLexicon.phrases
        }
    }
}
