import JSON

/// An input that takes a command, a script or code to run (`command`, `script`, `code`, `cmd`, `shell`).
struct CodeInputRule: ToolRule {
    static let id = "code-input"
    /// Property names (their last word) that carry something to run.
    static let runnableNames: Set<String> = ["command", "commands", "cmd", "script", "scripts", "shell", "bash", "javascript", "js", "expression_to_eval", "snippet"]
    /// Qualifiers that make `code` mean program text (`python_code`, `source_code`), unlike `country_code`.
    static let codeQualifiers: Set<String> = ["python", "js", "javascript", "source", "lua", "ruby", "shell", "bash", "sql", "program", "typescript", "ts", "py"]
    /// Inputs that take a whole manifest to apply (Kubernetes YAML, a stack template).
    static let manifestNames: Set<String> = ["yaml", "yaml_content", "manifest", "manifests", "manifest_yaml", "kustomization", "template_body"]
    /// Words in a property's description that say its value will run.
    static let runWords: Set<String> = ["execute", "executed", "run", "runs", "evaluate", "evaluated", "eval", "shell", "interpreter", "command", "script", "code"]

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
                .triggers(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"command": {"type": "string"}}}}"#, at: "/inputSchema/properties/command"),
                .triggers(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"opts": {"type": "object", "properties": {"python_code": {"type": "string"}}}}}}"#, at: "/inputSchema/properties/opts/properties/python_code"),
                .triggers(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"yaml_content": {"type": "string"}}}}"#, at: "/inputSchema/properties/yaml_content"),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"country_code": {"type": "string"}}}}"#),
                .passes(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"command": {"type": "string", "enum": ["start", "stop"]}}}}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        for p in tool.properties where p.enumValues.isEmpty && (p.type == nil || p.type == "string" || p.type == "array") {
            if Self.manifestNames.contains(p.name.lowercased()) {
                return [.evidence(.execute, weight: 50, at: p.pointer, quote: p.name, reason: "input '\(p.path)' takes a manifest to apply")]
            }
            guard let last = p.words.last else { continue }
            let named = Self.runnableNames.contains(last)
                || (last == "code" && (p.words.count == 1 || p.words.dropLast().contains(where: Self.codeQualifiers.contains)))
            guard named else { continue }
            let described = p.prose.words.contains { Self.runWords.contains($0.text) }
            let weight = described ? 60 : 50
            return [.evidence(.execute, weight: weight, at: p.pointer, quote: p.name,
                              reason: "input '\(p.path)' takes \(last == "code" ? "code" : "a \(last)") to run")]
        }
        return []
    }
}
