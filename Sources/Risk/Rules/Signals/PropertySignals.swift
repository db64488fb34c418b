/// Shared plumbing of the signal rules that flag single inputs.
enum PropertySignals {
    /// A signal at every input property of `tool` for which `matches` gives a path (each path once).
    static func hits(_ tool: ToolContext, _ matches: (InputProperty) -> String?) -> [SignalHit] {
        var out: [SignalHit] = []
        var reported = Set<String>()
        for property in tool.properties {
            guard let path = matches(property), reported.insert(path).inserted else { continue }
            out.append(SignalHit(pointer: property.pointer, path: path, detail: nil))
        }
        return out
    }

    /// Last words of input names that refer to a thing rather than carry it (`password_policy`,
    /// `secret_id`, `token_expiry`).
    static let referenceWords: WordSet = [
        "id", "ids", "arn", "arns", "name", "names", "type", "types", "policy", "policies", "length", "count", "enabled",
        "required", "age", "expiry", "expires", "expiration", "at", "time", "date", "status", "version", "versions",
        "rotation", "path", "paths", "file", "files", "filename", "dir", "env", "var", "variable", "url", "uri", "format",
        "mode", "field", "fields", "label", "list", "prefix", "provider", "location", "ref", "hint", "hash",
    ]
}
