import JSON
import Risk

/// A tool named in a diff, with its verdict.
public struct ToolRef: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// Its category, when assessed.
    public var category: Category?
    /// Its severity, when assessed.
    public var severity: Severity?

    /// A reference from its parts.
    public init(name: String, category: Category?, severity: Severity?) { self.name = name; self.category = category; self.severity = severity }

    var json: JSONValue {
        var o = JSONObject([("name", .string(name))])
        if let category { o["category"] = .string(category.rawValue) }
        if let severity { o["severity"] = .string(severity.rawValue) }
        return .object(o)
    }
}

/// A tool that kept its definition and changed its name.
public struct ToolRename: Sendable, Hashable {
    /// The old name.
    public var from: String
    /// The new name.
    public var to: String
    /// The definition hash both share.
    public var sha256: String

    var json: JSONValue { ["from": .string(from), "to": .string(to), "sha256": .string(sha256)] }
}

/// One way a tool's definition changed.
public enum ToolChangeKind: Sendable, Hashable {
    /// The tool's description changed.
    case descriptionChanged(before: String?, after: String?)
    /// The input schema accepts more (details name the parameters).
    case schemaWidened([String])
    /// The input schema accepts less.
    case schemaNarrowed([String])
    /// The input schema changed otherwise (descriptions, defaults, …).
    case schemaChanged([String])
    /// An annotation hint changed, e.g. `destructiveHint` false → true; nil means absent.
    case annotationFlipped(hint: String, before: Bool?, after: Bool?)
    /// Other members changed (e.g. `title`, `outputSchema`).
    case otherChanged(keys: [String])

    /// A stable machine name.
    public var kind: String {
        switch self {
        case .descriptionChanged: "description-changed"
        case .schemaWidened: "schema-widened"
        case .schemaNarrowed: "schema-narrowed"
        case .schemaChanged: "schema-changed"
        case .annotationFlipped: "annotation-flipped"
        case .otherChanged: "other-changed"
        }
    }

    /// A sentence for reports (server text is quoted, not escaped: renderers escape per medium).
    public var summary: String {
        func b(_ v: Bool?) -> String { v.map { String($0) } ?? "absent" }
        switch self {
        case .descriptionChanged: return "description changed"
        case .schemaWidened(let d): return "schema widened: " + d.joined(separator: "; ")
        case .schemaNarrowed(let d): return "schema narrowed: " + d.joined(separator: "; ")
        case .schemaChanged(let d): return "schema changed: " + d.joined(separator: "; ")
        case .annotationFlipped(let h, let x, let y): return "annotation \(h): \(b(x)) → \(b(y))"
        case .otherChanged(let keys): return "changed: " + keys.joined(separator: ", ")
        }
    }

    var json: JSONValue {
        var o = JSONObject([("kind", .string(kind))])
        switch self {
        case .descriptionChanged(let x, let y):
            o["before"] = x.map { .string($0) } ?? .null
            o["after"] = y.map { .string($0) } ?? .null
        case .schemaWidened(let d), .schemaNarrowed(let d), .schemaChanged(let d):
            o["details"] = .array(d.map { .string($0) })
        case .annotationFlipped(let h, let x, let y):
            o["hint"] = .string(h)
            o["before"] = x.map { .bool($0) } ?? .null
            o["after"] = y.map { .bool($0) } ?? .null
        case .otherChanged(let keys):
            o["keys"] = .array(keys.map { .string($0) })
        }
        return .object(o)
    }
}

/// A tool that kept its name and changed its definition.
public struct ToolChange: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// What changed, in a fixed order: description, schema, annotations, other.
    public var changes: [ToolChangeKind]
    /// The verdicts before and after.
    public var before: ToolRef
    /// The verdict after.
    public var after: ToolRef
    /// The description (of the tool or a parameter) changed while the name stayed: what a rug pull looks like.
    public var possibleRugPull: Bool

    /// True when the category moved to a more dangerous one.
    public var categoryRose: Bool { compare(before.category, after.category) == .rose }
    /// True when the severity rose.
    public var severityRose: Bool { compare(before.severity, after.severity) == .rose }
    /// True when the category moved to a less dangerous one.
    public var categoryFell: Bool { compare(before.category, after.category) == .fell }
    /// True when the severity fell.
    public var severityFell: Bool { compare(before.severity, after.severity) == .fell }

    private enum Movement { case rose, fell, same }
    private func compare<T: Comparable>(_ a: T?, _ b: T?) -> Movement {
        guard let a, let b else { return .same }
        return b > a ? .rose : (b < a ? .fell : .same)
    }

    var json: JSONValue {
        ["name": .string(name), "changes": .array(changes.map(\.json)), "before": before.json, "after": after.json,
         "possibleRugPull": .bool(possibleRugPull), "categoryRose": .bool(categoryRose), "severityRose": .bool(severityRose),
         "categoryFell": .bool(categoryFell), "severityFell": .bool(severityFell)]
    }
}
