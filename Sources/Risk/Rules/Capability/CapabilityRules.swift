/// The capability rules, registered in one place.
enum CapabilityRules {
    static let all: [any Rule] = [
        NameVerbRule(), NameNounRule(), DescriptionVerbRule(), DescriptionPhraseRule(), ReadOnlyStatementRule(),
        MoneyMovementRule(), CodeInputRule(), SQLInputRule(), HTTPRequestRule(), PaymentInputRule(), EscalationInputRule(),
        ReversibleStatementRule(), FileOutputRule(), DocumentEditRule(), PublishStateRule(), ActionEnumRule(), AnnotationHintRule(),
    ]
}
