import JSON

/// The inputs a tool declares, as the one input-schema walker (`InputProperties`) resolved them: local
/// `$ref`s followed, `anyOf`/`oneOf`/`allOf` branches and nested objects read. This is what a policy may
/// put conditions on: an argument path that is not here is not declared by the tool.
public struct ToolInputs: Sendable, Hashable {
    /// One declared input, with the constraints its schema puts on the value.
    public struct Input: Sendable, Hashable {
        /// The dotted path from the top, `[]` marking array items (e.g. `filter.sql`, `messages[].content`).
        public var path: String
        /// The input's own name (the last step of `path`).
        public var name: String
        /// Where its schema is in the server definitions document (e.g. `/tools/3/inputSchema/properties/action`).
        public var pointer: JSONPointer
        /// The JSON types the value may have (sorted, `null` left out); empty when the schema states none.
        public var types: [String]
        /// The only values the input may take (`enum`/`const`, through a `$ref` and `anyOf`/`oneOf`
        /// branches, `null` included when a branch allows it); nil when the schema does not restrict them.
        public var values: [JSONValue]?
        /// `minimum`, as written in the schema.
        public var minimum: String?
        /// `exclusiveMinimum` (the numeric form), as written.
        public var exclusiveMinimum: String?
        /// `maximum`, as written.
        public var maximum: String?
        /// `exclusiveMaximum` (the numeric form), as written.
        public var exclusiveMaximum: String?
        /// `minLength`.
        public var minLength: Int?
        /// `maxLength`.
        public var maxLength: Int?
        /// `pattern`, as written (a regular expression in the schema's dialect).
        public var pattern: String?
        /// True when required: for a top-level input, listed in the root's `required` (root `$ref` followed,
        /// `allOf` branches included, `anyOf`/`oneOf` branches not, as they are alternatives); for a nested
        /// one, listed in the `required` of the object that declares it.
        public var isRequired: Bool
        /// The input's description as written, if any (untrusted text).
        public var description: String?

        /// True for an argument at the top of the call's `arguments` object.
        public var isTopLevel: Bool { path == name }

        /// An input from its parts.
        public init(path: String, name: String, pointer: JSONPointer, types: [String] = [], values: [JSONValue]? = nil,
                    minimum: String? = nil, exclusiveMinimum: String? = nil, maximum: String? = nil, exclusiveMaximum: String? = nil,
                    minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, isRequired: Bool = false, description: String? = nil) {
            self.path = path; self.name = name; self.pointer = pointer; self.types = types; self.values = values
            self.minimum = minimum; self.exclusiveMinimum = exclusiveMinimum; self.maximum = maximum; self.exclusiveMaximum = exclusiveMaximum
            self.minLength = minLength; self.maxLength = maxLength; self.pattern = pattern; self.isRequired = isRequired
            self.description = description
        }
    }

    /// Every declared input, depth first in schema order; a path the schema declares twice (in two
    /// branches) appears once, with the wider of its constraints.
    public var inputs: [Input]

    /// Inputs from their parts.
    public init(inputs: [Input]) { self.inputs = inputs }

    /// The inputs of `tool` (a tool object with an `inputSchema`), which is `/tools/<index>` of its server.
    public init(tool: JSONValue, index: Int = 0) {
        self.init(properties: InputProperties.all(tool: tool, index: index), tool: tool)
    }

    /// The top-level input named `name`, if the tool declares one.
    public func topLevel(_ name: String) -> Input? { inputs.first { $0.isTopLevel && $0.name == name } }

    /// The inputs read from the walker's properties of `tool`.
    init(properties: [InputProperty], tool: JSONValue) {
        let schema = tool["inputSchema"] ?? .null
        let reader = Reader(schema: schema, rootRequired: Reader.rootRequired(schema))
        var order: [String] = []
        var byPath: [String: Input] = [:]
        for p in properties {
            let input = reader.input(p)
            if let seen = byPath[p.path] { byPath[p.path] = Reader.wider(seen, input) } else { order.append(p.path); byPath[p.path] = input }
        }
        inputs = order.map { byPath[$0]! }
    }

    /// Reads one property's constraints against the tool's schema (for `$ref`s and `required`).
    private struct Reader {
        let schema: JSONValue
        let rootRequired: Set<String>

        static func rootRequired(_ schema: JSONValue) -> Set<String> {
            var names = Set<String>()
            var visits = 0
            func collect(_ s: JSONValue, depth: Int) {
                visits += 1
                guard depth < 8, visits < 256 else { return }
                for r in s["required"]?.arrayValue ?? [] { if let n = r.stringValue { names.insert(n) } }
                if let target = follow(s, root: schema) { collect(target, depth: depth + 1) }
                for branch in s["allOf"]?.arrayValue ?? [] { collect(branch, depth: depth + 1) }
            }
            collect(schema, depth: 0)
            return names
        }

        /// The schema a local `$ref` names, one step.
        static func follow(_ s: JSONValue, root: JSONValue) -> JSONValue? {
            guard let ref = s["$ref"]?.stringValue, ref.hasPrefix("#"), let pointer = JSONPointer(String(ref.dropFirst())) else { return nil }
            return pointer.resolve(in: root)
        }

        func input(_ p: InputProperty) -> Input {
            let resolved = Self.follow(p.schema, root: schema) ?? p.schema
            let branches = (resolved["anyOf"]?.arrayValue ?? []) + (resolved["oneOf"]?.arrayValue ?? [])
            let alternatives = branches.prefix(64).map { Self.follow($0, root: schema) ?? $0 }
            let nonNull = alternatives.filter { !Self.isNullOnly($0) }
            // `Optional[int]` with bounds is `anyOf: [{type: integer, minimum: 1}, {type: null}]`: the one
            // non-null branch carries the constraints.
            let constrained = branches.isEmpty ? resolved : (nonNull.count == 1 ? nonNull[0] : JSONValue.object(JSONObject()))
            var types = Set<String>()
            for s in [resolved] + alternatives {
                if let t = s["type"]?.stringValue { types.insert(t) }
                for t in s["type"]?.arrayValue ?? [] { if let t = t.stringValue { types.insert(t) } }
            }
            types.remove("null")
            var input = Input(path: p.path, name: p.name, pointer: p.pointer, types: types.sorted(),
                              values: Self.values(resolved, alternatives: alternatives), description: p.description)
            input.minimum = constrained["minimum"]?.numberText
            input.exclusiveMinimum = constrained["exclusiveMinimum"]?.numberText
            input.maximum = constrained["maximum"]?.numberText
            input.exclusiveMaximum = constrained["exclusiveMaximum"]?.numberText
            input.minLength = constrained["minLength"]?.intValue
            input.maxLength = constrained["maxLength"]?.intValue
            input.pattern = constrained["pattern"]?.stringValue
            input.isRequired = p.isTopLevel ? rootRequired.contains(p.name) : declaringObjectRequires(p)
            return input
        }

        /// The values an input is restricted to, or nil: its own `enum`/`const`, else every alternative's.
        static func values(_ s: JSONValue, alternatives: [JSONValue]) -> [JSONValue]? {
            if let own = restricted(s) { return own }
            guard !alternatives.isEmpty else { return nil }
            var out: [JSONValue] = []
            for branch in alternatives {
                if isNullOnly(branch) { if !out.contains(.null) { out.append(.null) }; continue }
                guard let list = restricted(branch) else { return nil }
                for v in list where !out.contains(v) { out.append(v) }
            }
            return out
        }

        private static func restricted(_ s: JSONValue) -> [JSONValue]? {
            if let list = s["enum"]?.arrayValue { return list }
            if let c = s["const"] { return [c] }
            return nil
        }

        static func isNullOnly(_ s: JSONValue) -> Bool { s["type"]?.stringValue == "null" && s["enum"] == nil }

        /// For a nested input: whether the object schema holding its `properties` lists it as required.
        private func declaringObjectRequires(_ p: InputProperty) -> Bool {
            let tokens = p.pointer.tokens
            // `/tools/N/inputSchema/…/properties/<name>`: the object is two steps up, read inside `inputSchema`.
            guard tokens.count >= 5, tokens[tokens.count - 2] == "properties" else { return false }
            let inside = JSONPointer(tokens: Array(tokens[3..<(tokens.count - 2)]))
            let names = inside.resolve(in: schema)?["required"]?.arrayValue ?? []
            return names.contains { $0.stringValue == p.name }
        }

        /// Two declarations of one path (alternative branches): any value either allows stays allowed.
        static func wider(_ a: Input, _ b: Input) -> Input {
            var out = a
            out.types = Array(Set(a.types).union(b.types)).sorted()
            if let x = a.values, let y = b.values { out.values = x + y.filter { !x.contains($0) } } else { out.values = nil }
            if a.minimum != b.minimum { out.minimum = nil }
            if a.exclusiveMinimum != b.exclusiveMinimum { out.exclusiveMinimum = nil }
            if a.maximum != b.maximum { out.maximum = nil }
            if a.exclusiveMaximum != b.exclusiveMaximum { out.exclusiveMaximum = nil }
            if a.minLength != b.minLength { out.minLength = nil }
            if a.maxLength != b.maxLength { out.maxLength = nil }
            if a.pattern != b.pattern { out.pattern = nil }
            out.isRequired = a.isRequired && b.isRequired
            return out
        }
    }
}

extension InputProperty {
    /// True for a property at the top of the arguments object.
    fileprivate var isTopLevel: Bool { path == name }
}
