/// The policy document formats mcprisk writes.
public enum PolicyFormat: String, Sendable, Hashable, CaseIterable {
    /// PolicyLayer's JSON: `{"version": "1", "default": "deny", "tools": {…}}`.
    case policylayer
    /// policylayer/intercept's YAML.
    case intercept

    /// The document's text in this format.
    public func render(_ doc: PolicyDocument) -> String {
        switch self {
        case .policylayer: PolicyLayerJSONWriter.render(doc)
        case .intercept: InterceptYAMLWriter.render(doc)
        }
    }

    /// The problems a validator of this format finds in `text` (empty when the policy is sound).
    public func validate(_ text: String) -> [PolicyProblem] {
        switch self {
        case .policylayer: PolicyLayerValidator.validate(json: text)
        case .intercept: InterceptValidator.validate(yaml: text)
        }
    }

    /// The usual file extension.
    public var fileExtension: String { self == .policylayer ? "json" : "yaml" }
}

/// How strict a starter policy is. Every profile writes `default: deny`, so a tool the server
/// adds later is blocked until someone lists it (docs/policies.md has this table and the why).
///
/// | Tool | strict | recommended | permissive |
/// |---|---|---|---|
/// | read | 60/minute | allowed | allowed |
/// | write | denied | 30/minute | 60/minute |
/// | execute that takes code, a command, SQL, an image or a URL to call | denied | denied, reason says how to allow it | 30/minute + schema conditions |
/// | other execute | denied | 10/minute + schema conditions | 30/minute + schema conditions |
/// | destructive | hidden | denied, reason names the evidence | denied, reason names the evidence |
/// | financial with an `amount` | hidden | per-call ceiling 100, daily total 1,000 (×100 for amounts in cents) + schema conditions | ceiling 1,000, daily 10,000 (×100 in cents) + schema conditions |
/// | financial without an amount | hidden | denied | denied |
/// | severity raised by a finding | hidden | denied | denied |
/// | multi-action, selector declared with its values | each action as above; denied actions gated by an `in` condition on the action input, the tool limited at its strictest allowed action's rate | same | same |
/// | multi-action, no declared selector | judged as a whole by its category | same | same |
///
/// Conditions name only inputs the tool declares (`ToolAssessment.inputs`): required inputs →
/// `exists`; `enum`/`const` (through `$ref`s) → `in`; `minimum`/`maximum` (and exclusive forms) →
/// `gte`/`lte` (`gt`/`lt`); `minLength`/`maxLength` and RE2-compatible `pattern` → `regex`.
/// Constraints of optional inputs are left out and noted: Intercept fails any condition whose
/// argument is absent (engine.go `evaluateCondition`), so they would deny calls that rightly omit it.
public enum PolicyProfile: String, Sendable, Hashable, CaseIterable {
    /// Allows reads only (limited), denies writes and execution, hides destructive and financial tools.
    case strict
    /// Allows reads, rate-limits writes and execution, denies execution of what the agent writes
    /// (code, commands, SQL, images, URLs) and destructive and financial calls (financial calls with
    /// an amount get a ceiling and a daily total instead).
    case recommended
    /// Allows more (higher limits and ceilings, execution of any input), denies only the most
    /// dangerous: destructive and financial calls without an amount.
    case permissive
}
