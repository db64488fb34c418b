/// Every built-in rule, by kind. Each family keeps its own list in its folder; a test checks that every
/// rule type in the module is registered here and that ids are unique.
public enum BuiltinRules {
    /// All rules: capability, then signal, then finding rules.
    public static var all: [any Rule] { capability + signal + finding }
    /// Rules that contribute evidence toward a category.
    public static var capability: [any Rule] { CapabilityRules.all }
    /// Rules that describe what a tool accepts.
    public static var signal: [any Rule] { SignalRules.all }
    /// Rules that report threats and contradictions.
    public static var finding: [any Rule] { ThreatRules.all + AnnotationRules.all }

    /// The rule with this id, if any.
    public static func rule(id: String) -> (any Rule)? { all.first { $0.description.id == id } }
}
