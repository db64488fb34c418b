import JSON

/// One input property of a tool, found anywhere in its input schema.
struct InputProperty: Sendable {
    /// The property's own name, e.g. `content`.
    let name: String
    /// The dotted path from the top, `[]` marking array items, e.g. `messages[].content`.
    let path: String
    /// The pointer to the property's schema in the definitions document.
    let pointer: JSONPointer
    /// The property's schema (local `$ref`s resolved one level).
    let schema: JSONValue
    /// The words of the name, lowercased: `bodyHtml` and `body_html` both give `["body", "html"]`.
    let words: [String]

    /// The JSON types the schema allows, looking into `anyOf`/`oneOf` branches (e.g. Optional[str]).
    var types: Set<String> { InputProperties.types(of: schema) }
    /// The description, if any.
    var description: String? { schema["description"]?.stringValue }
    /// True when the property takes text (or a list of texts).
    var takesText: Bool {
        let t = types
        if t.contains("string") { return true }
        if t.contains("array"), let items = InputProperties.branches(schema).lazy.compactMap({ $0["items"] }).first {
            return InputProperties.types(of: items).contains("string")
        }
        return t.isEmpty
    }
}

/// Walks a tool's input schema for its properties, nested ones included, with bounds.
enum InputProperties {
    /// Nesting followed at most this deep.
    static let maxDepth = 12
    /// At most this many properties per tool.
    static let maxProperties = 5_000
    /// At most this many schema nodes visited per tool, so `$ref` fan-out cannot explode.
    static let maxVisits = 20_000

    /// Every property of the tool at `index`, depth-first, through objects, array items,
    /// `anyOf`/`oneOf`/`allOf` branches and local `$ref`s (`#/$defs/X`, `#/definitions/X`).
    static func all(tool: JSONValue, index: Int) -> [InputProperty] {
        guard let schema = tool["inputSchema"] else { return [] }
        var out: [InputProperty] = []
        var budget = maxVisits
        walk(schema, root: schema, pointer: JSONPointer(tokens: ["tools", String(index), "inputSchema"]), path: "",
             depth: 0, seenRefs: [], budget: &budget, out: &out)
        return out
    }

    private static func walk(_ schema: JSONValue, root: JSONValue, pointer: JSONPointer, path: String, depth: Int,
                             seenRefs: Set<String>, budget: inout Int, out: inout [InputProperty]) {
        budget -= 1
        guard budget > 0, depth <= maxDepth, out.count < maxProperties, schema.objectValue != nil else { return }
        var seenRefs = seenRefs
        let (schema, pointer) = resolve(schema, root: root, pointer: pointer, seenRefs: &seenRefs)
        for (name, sub) in schema["properties"]?.objectValue?.members ?? [] {
            guard out.count < maxProperties else { return }
            let at = pointer.appending("properties").appending(name)
            var childRefs = seenRefs
            let (resolved, resolvedPointer) = resolve(sub, root: root, pointer: at, seenRefs: &childRefs)
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            out.append(InputProperty(name: name, path: childPath, pointer: at, schema: resolved, words: IdentifierWords.split(name)))
            walk(resolved, root: root, pointer: resolvedPointer, path: childPath, depth: depth + 1, seenRefs: childRefs, budget: &budget, out: &out)
        }
        if let items = schema["items"] {
            walk(items, root: root, pointer: pointer.appending("items"), path: path + "[]", depth: depth + 1, seenRefs: seenRefs, budget: &budget, out: &out)
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for (i, branch) in (schema[key]?.arrayValue ?? []).enumerated() {
                walk(branch, root: root, pointer: pointer.appending(key).appending(i), path: path, depth: depth + 1, seenRefs: seenRefs, budget: &budget, out: &out)
            }
        }
    }

    /// A local `$ref` followed, unless already followed on the way here (so cycles end).
    private static func resolve(_ schema: JSONValue, root: JSONValue, pointer: JSONPointer,
                                seenRefs: inout Set<String>) -> (JSONValue, JSONPointer) {
        guard let ref = schema["$ref"]?.stringValue, ref.hasPrefix("#"), let target = JSONPointer(String(ref.dropFirst())),
              let resolved = target.resolve(in: root), !seenRefs.contains(ref) else { return (schema, pointer) }
        seenRefs.insert(ref)
        return (resolved, pointer.tokens.prefix(3).reduce(JSONPointer.root) { $0.appending($1) }.appending(target))
    }

    /// The schema itself and its `anyOf`/`oneOf` branches.
    static func branches(_ schema: JSONValue) -> [JSONValue] {
        [schema] + (schema["anyOf"]?.arrayValue ?? []) + (schema["oneOf"]?.arrayValue ?? [])
    }

    /// The declared `type`s of a schema and its branches.
    static func types(of schema: JSONValue) -> Set<String> {
        var out = Set<String>()
        for branch in branches(schema) {
            if let t = branch["type"]?.stringValue { out.insert(t) }
            for t in branch["type"]?.arrayValue ?? [] { if let s = t.stringValue { out.insert(s) } }
        }
        out.remove("null")
        return out
    }
}

/// Splits identifiers into lowercase words: `filePath`, `file_path`, `file-path`, `FILE_PATH` → file, path.
enum IdentifierWords {
    /// The words of `identifier`.
    static func split(_ identifier: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for ch in identifier {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase && previousWasLower && !current.isEmpty { words.append(current); current = "" }
                current += ch.lowercased()
                previousWasLower = ch.isLowercase || ch.isNumber
            } else {
                if !current.isEmpty { words.append(current); current = "" }
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
