import JSON

/// An input that takes a command, a script or code to run (`command`, `script`, `code`, `cmd`, `shell`).
struct CodeInputRule: CapabilityRule {
    static let id = "code-input"
    /// Property names (their last word) that carry something to run.
    static let runnableNames: WordSet = ["command", "commands", "cmd", "script", "scripts", "shell", "bash", "javascript", "js", "expression_to_eval", "snippet"]
    /// Qualifiers that make `code` mean program text (`python_code`, `source_code`), unlike `country_code`.
    static let codeQualifiers: WordSet = ["python", "js", "javascript", "source", "lua", "ruby", "shell", "bash", "sql", "program", "typescript", "ts", "py"]
    /// Inputs that take a whole manifest to apply (Kubernetes YAML, a stack template).
    static let manifestNames: Set<String> = ["yaml", "yaml_content", "manifest", "manifests", "manifest_yaml", "kustomization", "template_body"]
    /// Words in a property's description that say its value will run.
    static let runWords: WordSet = ["execute", "executed", "run", "runs", "evaluate", "evaluated", "eval", "shell", "interpreter", "command", "script", "code"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Input that takes code or a command", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A free-text input named `command`, `script`, `code`, `cmd` or `shell` argues for execute.",
            rationale: """
            What a tool runs is what it is. A string input named for a command or script, at any depth of the schema,
            is execute evidence. `code` counts only alone or qualified as program text (`python_code`), not
            `country_code` or `status_code`; an input whose values are an enum of operations is an action selector
            (see `action-enum`), not code.
            """,
            examples: [
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"command": {"type": "string"}}}}"#, at: "/inputSchema/properties/command", .execute),
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"opts": {"type": "object", "properties": {"python_code": {"type": "string"}}}}}}"#, at: "/inputSchema/properties/opts/properties/python_code", .execute),
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"yaml_content": {"type": "string"}}}}"#, at: "/inputSchema/properties/yaml_content", .execute),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"country_code": {"type": "string"}}}}"#),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"command": {"type": "string", "enum": ["start", "stop"]}}}}"#),
            ])
    }

    private static let code = WordHash.of("code")

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        for p in tool.properties where p.enumValues.isEmpty && (p.type == nil || p.type == "string" || p.type == "array") {
            if Self.manifestNames.contains(p.name.lowercased()) {
                return [EvidenceHit(.execute, .codeInput, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes a manifest to apply")]
            }
            guard let last = p.lastWord else { continue }
            let words = p.words
            let described = p.prose.contains(Self.runWords)
            // A lone `code` is as often a GL, country or status code: it counts when it is described as code to run.
            let named = Self.runnableNames.contains(last)
                || (last == Self.code && ((words.count == 1 && (described || tool.nameReading.leading?.entry.category == .execute))
                    || words.dropLast().contains(where: Self.codeQualifiers.contains)))
            guard named else { continue }
            let lastText = p.nameWords.text(p.nameWords.count - 1)
            return [EvidenceHit(.execute, described ? .describedCodeInput : .codeInput, at: p.pointer, quote: p.name,
                                reason: "input '\(p.path)' takes \(last == Self.code ? "code" : "a \(lastText)") to run")]
        }
        return []
    }
}
