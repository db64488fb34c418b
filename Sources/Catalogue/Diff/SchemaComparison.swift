import JSON

/// Compares two JSON Schemas (a tool's `inputSchema`) and says how the accepted input moved: widened
/// (new properties, fewer required, more enum values, looser types or limits), narrowed (the reverse),
/// or changed in ways that are neither (descriptions, defaults). Paths name parameters as `a.b`, `a[]`.
public struct SchemaComparison: Sendable, Hashable {
    /// Ways the schema now accepts more.
    public var widened: [String] = []
    /// Ways the schema now accepts less.
    public var narrowed: [String] = []
    /// Other differences, e.g. a parameter's description.
    public var other: [String] = []
    /// Parameters whose description changed (a place tool poisoning hides).
    public var parameterDescriptionsChanged: [String] = []

    /// Nesting deeper than this is compared as a whole.
    static let maxDepth = 32
    /// At most this many details per list, so a hostile schema cannot flood a report.
    static let maxDetails = 50

    /// The comparison of `before` with `after` (either may be absent).
    public init(before: JSONValue?, after: JSONValue?) {
        compare(before, after, path: "", depth: 0)
    }

    /// True when nothing differs.
    public var isEmpty: Bool { widened.isEmpty && narrowed.isEmpty && other.isEmpty }

    private mutating func note(_ list: WritableKeyPath<SchemaComparison, [String]>, _ text: String) {
        if self[keyPath: list].count < Self.maxDetails { self[keyPath: list].append(text) }
    }

    private static func label(_ path: String) -> String { path.isEmpty ? "the input" : "`\(path)`" }

    private mutating func compare(_ a: JSONValue?, _ b: JSONValue?, path: String, depth: Int) {
        if a?.canonicalText == b?.canonicalText { return }
        let at = Self.label(path)
        guard let ao = a?.objectValue, let bo = b?.objectValue, depth < Self.maxDepth else {
            switch (a, b) {
            case (nil, _): note(\.narrowed, "schema added for \(at)")
            case (_, nil): note(\.widened, "schema removed for \(at)")
            default: note(\.other, "schema of \(at) changed")
            }
            return
        }
        compareTypes(ao["type"], bo["type"], at: at)
        compareProperties(ao, bo, path: path, depth: depth)
        compareRequired(ao["required"], bo["required"], path: path)
        compareEnum(ao["enum"], bo["enum"], at: at)
        compareAdditional(ao["additionalProperties"], bo["additionalProperties"], path: path, depth: depth)
        compareLimits(ao, bo, at: at)
        if ao["items"] != nil || bo["items"] != nil {
            compare(ao["items"], bo["items"], path: path + "[]", depth: depth + 1)
        }
        if ao["description"]?.canonicalText != bo["description"]?.canonicalText {
            if !path.isEmpty { parameterDescriptionsChanged.append(path) }
            note(\.other, "description of \(at) changed")
        }
        let handled: Set<String> = ["type", "properties", "required", "enum", "additionalProperties", "items", "description",
                                    "maxLength", "maximum", "maxItems", "minLength", "minimum", "minItems", "pattern", "format"]
        let rest = Set(ao.keys).union(bo.keys).subtracting(handled).sorted()
        for key in rest where ao[key]?.canonicalText != bo[key]?.canonicalText {
            note(\.other, "`\(key)` of \(at) changed")
        }
    }

    private static func typeSet(_ v: JSONValue?) -> Set<String>? {
        guard let v else { return nil }
        if let s = v.stringValue { return s == "number" ? ["number", "integer"] : [s] }
        let names = (v.arrayValue ?? []).compactMap(\.stringValue)
        return Set(names.flatMap { $0 == "number" ? ["number", "integer"] : [$0] })
    }

    private static func typeText(_ v: JSONValue?) -> String {
        guard let v else { return "any" }
        if let s = v.stringValue { return s }
        return (v.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "|")
    }

    private mutating func compareTypes(_ a: JSONValue?, _ b: JSONValue?, at: String) {
        guard a?.canonicalText != b?.canonicalText else { return }
        let change = "type of \(at): \(Self.typeText(a)) → \(Self.typeText(b))"
        switch (Self.typeSet(a), Self.typeSet(b)) {
        case (_, nil): note(\.widened, "type loosened: " + change)
        case (nil, _): note(\.narrowed, "type restricted: " + change)
        case (let x?, let y?) where x.isSubset(of: y): note(\.widened, "type loosened: " + change)
        case (let x?, let y?) where y.isSubset(of: x): note(\.narrowed, "type restricted: " + change)
        default: note(\.other, "type changed: " + change)
        }
    }

    private mutating func compareProperties(_ a: JSONObject, _ b: JSONObject, path: String, depth: Int) {
        let ap = a["properties"]?.objectValue ?? JSONObject(), bp = b["properties"]?.objectValue ?? JSONObject()
        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        for key in bp.keys.sorted() where ap[key] == nil { note(\.widened, "new property `\(child(key))`") }
        for key in ap.keys.sorted() where bp[key] == nil { note(\.narrowed, "property `\(child(key))` removed") }
        for key in ap.keys.sorted() where bp[key] != nil {
            compare(ap[key], bp[key], path: child(key), depth: depth + 1)
        }
    }

    private mutating func compareRequired(_ a: JSONValue?, _ b: JSONValue?, path: String) {
        let ar = Set((a?.arrayValue ?? []).compactMap(\.stringValue)), br = Set((b?.arrayValue ?? []).compactMap(\.stringValue))
        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        for key in ar.subtracting(br).sorted() { note(\.widened, "`\(child(key))` no longer required") }
        for key in br.subtracting(ar).sorted() { note(\.narrowed, "`\(child(key))` now required") }
    }

    private mutating func compareEnum(_ a: JSONValue?, _ b: JSONValue?, at: String) {
        guard a?.canonicalText != b?.canonicalText else { return }
        guard let av = a?.arrayValue else { note(\.narrowed, "values of \(at) restricted to an enum"); return }
        guard let bv = b?.arrayValue else { note(\.widened, "enum of \(at) removed: any value accepted"); return }
        let at2 = Set(av.map(\.canonicalText)), bt = Set(bv.map(\.canonicalText))
        for v in bv.map(\.canonicalText) where !at2.contains(v) { note(\.widened, "enum of \(at) gained \(v)") }
        for v in av.map(\.canonicalText) where !bt.contains(v) { note(\.narrowed, "enum of \(at) lost \(v)") }
    }

    private mutating func compareAdditional(_ a: JSONValue?, _ b: JSONValue?, path: String, depth: Int) {
        guard a?.canonicalText != b?.canonicalText else { return }
        let at = Self.label(path)
        let closedBefore = a?.boolValue == false, closedAfter = b?.boolValue == false
        if closedBefore && !closedAfter { note(\.widened, "\(at) now accepts additional properties") }
        else if !closedBefore && closedAfter { note(\.narrowed, "\(at) no longer accepts additional properties") }
        else if a?.objectValue != nil || b?.objectValue != nil {
            compare(a, b, path: path + ".*", depth: depth + 1)
        }
    }

    private mutating func compareLimits(_ a: JSONObject, _ b: JSONObject, at: String) {
        for key in ["maxLength", "maximum", "maxItems", "minLength", "minimum", "minItems"] {
            let x = a[key]?.doubleValue, y = b[key]?.doubleValue
            guard a[key]?.canonicalText != b[key]?.canonicalText else { continue }
            let upper = key.hasPrefix("max")
            let looser: Bool
            switch (x, y) {
            case (_, nil): looser = true
            case (nil, _): looser = false
            case (let x?, let y?): looser = upper ? y > x : y < x
            }
            let text = "`\(key)` of \(at): \(a[key]?.canonicalText ?? "none") → \(b[key]?.canonicalText ?? "none")"
            note(looser ? \.widened : \.narrowed, text)
        }
        for key in ["pattern", "format"] where a[key]?.canonicalText != b[key]?.canonicalText {
            let text = "`\(key)` of \(at): \(a[key]?.canonicalText ?? "none") → \(b[key]?.canonicalText ?? "none")"
            switch (a[key], b[key]) {
            case (_, nil): note(\.widened, text)
            case (nil, _): note(\.narrowed, text)
            default: note(\.other, text)
            }
        }
    }
}
