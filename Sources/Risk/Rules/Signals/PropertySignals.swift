import JSON

/// The shared loop of the per-property signal rules: one hit per matching input property of each tool.
enum PropertySignals {
    /// A hit for every property of every tool for which `matches` gives the path to report.
    static func hits(_ index: ServerIndex, title: String, _ matches: (InputProperty) -> String?) -> [RuleHit] {
        var out: [RuleHit] = []
        for properties in index.inputProperties {
            var reported = Set<String>()
            for property in properties {
                guard let path = matches(property), reported.insert(path).inserted else { continue }
                out.append(RuleHit(pointer: property.pointer, quote: property.name, message: title, effect: .signal(path: path)))
            }
        }
        return out
    }

    /// Words that end a name when it holds a reference to a thing rather than the thing itself
    /// (`secret_id`, `password_policy`, `html_url`): such names do not carry the value.
    static let referenceWords: Set<String> = [
        "id", "ids", "arn", "arns", "name", "names", "type", "types", "policy", "policies", "length", "count", "enabled",
        "required", "age", "expiry", "expires", "expiration", "at", "time", "date", "status", "version", "versions",
        "rotation", "path", "paths", "file", "files", "filename", "dir", "env", "var", "variable", "url", "uri", "format",
        "mode", "field", "fields", "label", "list", "prefix", "provider", "location", "ref", "hint", "hash",
    ]
}
