import JSON

/// Inputs that take an object of any shape: nothing in the schema says what may be passed.
struct FreeFormObjectInputRule: SignalRule {
    let description = RuleDescription(
        id: "free-form-object-input",
        title: "Accepts a free-form object",
        family: "signals",
        kind: .signal,
        severity: .low,
        confidence: .high,
        summary: "Flags object inputs with no declared properties that allow any additional ones.",
        rationale: """
        An object without properties (and without a typed `additionalProperties`) is a pass-through: request
        bodies, filters, raw API parameters. Whatever the model puts there reaches the backend unchecked, so a
        policy cannot constrain it by schema.
        """,
        examples: [
            .signal(#"{"name": "api_request", "inputSchema": {"type": "object", "properties": {"body": {"type": "object", "additionalProperties": true}}}}"#, at: "/inputSchema/properties/body"),
            .signal(#"{"name": "put_items", "inputSchema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}}}"#, at: "/inputSchema/properties/items"),
            .passes(#"{"name": "tag", "inputSchema": {"type": "object", "properties": {"tags": {"type": "object", "additionalProperties": {"type": "string"}}, "point": {"type": "object", "properties": {"x": {"type": "number"}}}}}}"#),
            .passes(#"{"name": "ping", "inputSchema": {"type": "object", "properties": {}}}"#),
        ])

    func signals(in tool: ToolContext) -> [SignalHit] {
        PropertySignals.hits(tool) { p in
            if InputProperties.branches(p.schema).contains(where: Self.isFreeForm) { return p.path }
            let items = InputProperties.branches(p.schema).compactMap { $0["items"] }
            if items.contains(where: { InputProperties.branches($0).contains(where: Self.isFreeForm) }) { return p.path + "[]" }
            return nil
        }
    }

    /// An object schema that names no properties and lets any through.
    static func isFreeForm(_ schema: JSONValue) -> Bool {
        let type = schema["type"]
        let isObject = type?.stringValue == "object" || (type?.arrayValue?.contains(.string("object")) ?? false)
        guard isObject else { return false }
        if let properties = schema["properties"]?.objectValue, !properties.isEmpty { return false }
        if schema["patternProperties"] != nil || schema["$ref"] != nil || schema["anyOf"] != nil || schema["oneOf"] != nil { return false }
        switch schema["additionalProperties"] {
        case nil, .bool(true)?: return true
        case .object(let o)?: return o.isEmpty
        default: return false
        }
    }
}
