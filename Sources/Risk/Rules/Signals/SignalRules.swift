/// The signal rules, registered in one place.
enum SignalRules {
    static let all: [any Rule] = [
        HighParameterCountRule(),
        RawContentInputRule(),
        FilePathInputRule(),
        URLInputRule(),
        SecretInputRule(),
        FreeFormObjectInputRule(),
    ]
}
