/// The capability rules, registered in one place.
enum CapabilityRules {
    static let all: [any Rule] = []
}
