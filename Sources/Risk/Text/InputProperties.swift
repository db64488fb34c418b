import JSON

/// One input property of a tool, found anywhere in its input schema (nested objects, array items,
/// `anyOf`/`oneOf`/`allOf` branches, local `$ref`s), read once for every rule.
public struct InputProperty: Sendable {
    /// The property's own name, e.g. `content`.
    public let name: String
    /// The dotted path from the top, `[]` marking array items, e.g. `messages[].content`.
    public let path: String
    /// Where the property's schema is, e.g. `/tools/3/inputSchema/properties/filter/properties/sql`.
    public let pointer: JSONPointer
    /// The property's schema (a local `$ref` resolved one level).
    public let schema: JSONValue
    /// How deep it sits (0 = a top-level property; array items and branches count as levels).
    public let depth: Int
    /// The words of the name: `bodyHtml` and `body_html` both give body, html.
    let nameWords: TokenizedText
    /// The description of the property as written (before `$ref` resolution), if any.
    public let description: String?
    /// That description split into words (empty when absent).
    let prose: TokenizedText
    /// The first declared `type`, looking through a `$ref`, the property itself, then its branches.
    public let type: String?
    /// Its string `enum` values (or `const`s), looking into a `$ref`, `anyOf`/`oneOf` branches and
    /// array items, with their pointers.
    public let enumValues: [(value: String, pointer: JSONPointer)]

    /// The hashes of the name's words, in order.
    var words: [UInt64] { nameWords.words.map(\.hash) }
    /// The hash of the name's last word.
    var lastWord: UInt64? { nameWords.words.last?.hash }
    /// True when the name's last word is in `set`.
    func lastWord(in set: WordSet) -> Bool { lastWord.map(set.contains) ?? false }
    /// True when any word of the name is in `set`.
    func hasWord(in set: WordSet) -> Bool { nameWords.contains(set) }
    /// True when the name's words end with `phrase` (`payment method`).
    func nameEnds(with phrase: WordSequence) -> Bool { phrase.isSuffix(of: words) }

    /// The JSON types the resolved schema allows, looking into `anyOf`/`oneOf` branches (e.g. Optional[str]).
    var types: Set<String> { InputProperties.types(of: schema) }
    /// True when the property takes text (or a list of texts); read once, since every signal rule asks.
    let takesText: Bool

    /// True when `schema` (a property's, resolved) takes text (or a list of texts).
    static func takesText(_ schema: JSONValue) -> Bool {
        let t = InputProperties.types(of: schema)
        if t.contains("string") { return true }
        if t.contains("array"), let items = InputProperties.branches(schema).lazy.compactMap({ $0["items"] }).first {
            return InputProperties.types(of: items).contains("string")
        }
        return t.isEmpty
    }
}

/// The one walker over a tool's input schema: depth-first, bounded in depth, properties and visits.
enum InputProperties {
    /// Nesting followed at most this deep.
    static let maxDepth = 12
    /// At most this many properties per tool.
    static let maxProperties = 5_000
    /// At most this many schema nodes visited per tool, so `$ref` fan-out cannot explode.
    static let maxVisits = 20_000

    /// Every property of the tool at `index`, depth-first, through objects, array items,
    /// `anyOf`/`oneOf`/`allOf` branches and local `$ref`s (`#/$defs/X`, `#/definitions/X`).
    static func all(tool: JSONValue, index: Int, cache: TextCache = TextCache()) -> [InputProperty] {
        guard let schema = tool["inputSchema"] else { return [] }
        var walker = Walker(root: schema, budget: maxVisits, cache: cache)
        walker.walk(schema, pointer: JSONPointer(tokens: ["tools", String(index), "inputSchema"]), path: "", depth: 0, seenRefs: [])
        return walker.out
    }

    /// The walk's state: the schema root (for `$ref`s), the visits left and the properties found.
    private struct Walker {
        let root: JSONValue
        var budget: Int
        /// Where names and descriptions are split (shared by the server's tools).
        let cache: TextCache
        var out: [InputProperty] = []

        mutating func walk(_ schema: JSONValue, pointer: JSONPointer, path: String, depth: Int, seenRefs: Set<String>) {
            budget -= 1
            guard budget > 0, depth <= maxDepth, out.count < maxProperties, schema.objectValue != nil else { return }
            var seenRefs = seenRefs
            let (schema, pointer) = resolve(schema, pointer: pointer, seenRefs: &seenRefs)
            for (name, sub) in schema["properties"]?.objectValue?.members ?? [] {
                guard out.count < maxProperties else { return }
                let at = pointer.appending("properties").appending(name)
                var childRefs = seenRefs
                let (resolved, resolvedPointer) = resolve(sub, pointer: at, seenRefs: &childRefs)
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                out.append(property(name, sub, resolved: resolved, pointer: at, path: childPath, depth: depth))
                walk(resolved, pointer: resolvedPointer, path: childPath, depth: depth + 1, seenRefs: childRefs)
            }
            if let items = schema["items"] {
                walk(items, pointer: pointer.appending("items"), path: path + "[]", depth: depth + 1, seenRefs: seenRefs)
            }
            for key in ["anyOf", "oneOf", "allOf"] {
                for (i, branch) in (schema[key]?.arrayValue ?? []).enumerated() {
                    walk(branch, pointer: pointer.appending(key).appending(i), path: path, depth: depth + 1, seenRefs: seenRefs)
                }
            }
        }

        /// A local `$ref` followed, unless already followed on the way here (so cycles end).
        private func resolve(_ schema: JSONValue, pointer: JSONPointer, seenRefs: inout Set<String>) -> (JSONValue, JSONPointer) {
            guard let ref = schema["$ref"]?.stringValue, ref.hasPrefix("#"), let target = JSONPointer(String(ref.dropFirst())),
                  let resolved = target.resolve(in: root), !seenRefs.contains(ref) else { return (schema, pointer) }
            seenRefs.insert(ref)
            return (resolved, JSONPointer(tokens: Array(pointer.tokens.prefix(3))).appending(target))
        }

        /// A property read from its schema as written (`schema`) and resolved.
        private func property(_ name: String, _ schema: JSONValue, resolved: JSONValue, pointer: JSONPointer, path: String, depth: Int) -> InputProperty {
            var type = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first?.stringValue
            var enumValues: [(String, JSONPointer)] = []
            func collect(_ s: JSONValue, _ at: JSONPointer) {
                if let list = s["enum"]?.arrayValue {
                    for (i, v) in list.prefix(200).enumerated() { if let t = v.stringValue { enumValues.append((t, at.appending("enum").appending(i))) } }
                }
                if let c = s["const"]?.stringValue { enumValues.append((c, at.appending("const"))) }
                if type == nil { type = s["type"]?.stringValue }
            }
            // A local `$ref` (Pydantic enums live in `$defs`) is followed one step.
            func follow(_ s: JSONValue) -> (JSONValue, JSONPointer)? {
                guard let ref = s["$ref"]?.stringValue, ref.hasPrefix("#/"), let local = JSONPointer(String(ref.dropFirst())),
                      let target = local.resolve(in: root) else { return nil }
                return (target, JSONPointer(tokens: Array(pointer.tokens.prefix(3))).appending(local))
            }
            if let (target, at) = follow(schema) { collect(target, at) }
            collect(schema, pointer)
            for combinator in ["anyOf", "oneOf"] {
                for (i, branch) in (schema[combinator]?.arrayValue ?? []).prefix(64).enumerated() {
                    collect(branch, pointer.appending(combinator).appending(i))
                    if let (target, at) = follow(branch) { collect(target, at) }
                }
            }
            if let items = schema["items"] { collect(items, pointer.appending("items")) }
            let description = schema["description"]?.stringValue
            return InputProperty(name: name, path: path, pointer: pointer, schema: resolved, depth: depth,
                                 nameWords: cache.split(name, mode: .identifier), description: description,
                                 prose: description.map { cache.split($0) } ?? .empty, type: type, enumValues: enumValues,
                                 takesText: InputProperty.takesText(resolved))
        }
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
