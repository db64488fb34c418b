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
        case .descriptionChanged(let before, let after): return "description: " + TextDiff.words(before, after)
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

/// A threat finding the new definition has and the old one did not (same rule at the same place).
public struct GainedFinding: Sendable, Hashable {
    /// The rule's id.
    public var ruleId: String
    /// Its severity.
    public var severity: Severity
    /// The finding's message.
    public var message: String
    /// Where, inside the tool (e.g. `/description`).
    public var place: String

    var json: JSONValue {
        ["ruleId": .string(ruleId), "severity": .string(severity.rawValue), "message": .string(message), "place": .string(place)]
    }

    /// `hidden-instructions (critical) at /description: …`.
    public var summary: String { "\(ruleId) (\(severity.rawValue)) at \(place): \(message)" }
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
    /// Threat findings the rules raise on the new definition and did not on the old one.
    public var gainedFindings: [GainedFinding]
    /// The new definition's fingerprint (what an accept file names to accept this version).
    public var fingerprint: String
    /// The acceptance of the new definition, when an accept file has one (`accepted by …`).
    public var acceptance: String?
    /// True when an accept file accepts the new definition (and has not expired): it does not count.
    public var isAccepted: Bool = false
    /// The change made the tool more dangerous while its name stayed: it gained a threat finding above
    /// low, or its category rose. What a rug pull looks like, reported as a finding of its own.
    public var possibleRugPull: Bool { gainedFindings.contains { $0.severity > .low } || categoryRose }
    /// Why it is a possible rug pull, one phrase per reason (empty when it is not).
    public var rugPullReasons: [String] {
        var out = gainedFindings.filter { $0.severity > .low }.map { "gained \($0.ruleId) (\($0.severity.rawValue))" }
        if categoryRose, let a = before.category, let b = after.category { out.append("category rose \(a.rawValue) → \(b.rawValue)") }
        return out
    }

    /// The change from `old` to `new` (two definitions of one tool) with their verdicts and findings.
    public init(name: String, old: JSONValue, new: JSONValue, before: ToolRef, after: ToolRef, gainedFindings: [GainedFinding]) {
        self.name = name; self.before = before; self.after = after; self.gainedFindings = gainedFindings
        changes = Self.kinds(old: old, new: new)
        fingerprint = Fingerprint.tool(new)
    }

    /// The findings of `new` (at `newPointer`, e.g. `/tools/3`) whose rule and place inside the tool no
    /// finding of `old` (at `oldPointer`) has.
    public static func gained(old: [Finding], oldPointer: JSONPointer, new: [Finding], newPointer: JSONPointer) -> [GainedFinding] {
        func place(_ f: Finding, _ tool: JSONPointer) -> String { JSONPointer(tokens: Array(f.location.pointer.tokens.dropFirst(tool.tokens.count))).description }
        let had = Set(old.filter { $0.location.pointer.isWithin(oldPointer) }.map { $0.ruleId + "\u{0}" + place($0, oldPointer) })
        var out: [GainedFinding] = []
        for f in new where f.location.pointer.isWithin(newPointer) {
            let p = place(f, newPointer)
            guard !had.contains(f.ruleId + "\u{0}" + p), !out.contains(where: { $0.ruleId == f.ruleId && $0.place == p }) else { continue }
            out.append(GainedFinding(ruleId: f.ruleId, severity: f.severity, message: f.message, place: p))
        }
        return out
    }

    private static let hints = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]

    /// What changed between two definitions: description, schema, annotation hints, other members.
    static func kinds(old: JSONValue, new: JSONValue) -> [ToolChangeKind] {
        var kinds: [ToolChangeKind] = []
        if old["description"] != new["description"] {
            kinds.append(.descriptionChanged(before: old["description"]?.stringValue, after: new["description"]?.stringValue))
        }
        let schema = SchemaComparison(before: old["inputSchema"], after: new["inputSchema"])
        if !schema.widened.isEmpty { kinds.append(.schemaWidened(schema.widened)) }
        if !schema.narrowed.isEmpty { kinds.append(.schemaNarrowed(schema.narrowed)) }
        if !schema.other.isEmpty { kinds.append(.schemaChanged(schema.other)) }
        for hint in hints {
            let a = old["annotations"]?[hint]?.boolValue, b = new["annotations"]?[hint]?.boolValue
            if a != b { kinds.append(.annotationFlipped(hint: hint, before: a, after: b)) }
        }
        var otherKeys: [String] = []
        let keys = Set(old.objectValue?.keys ?? []).union(new.objectValue?.keys ?? []).subtracting(["name", "description", "inputSchema", "annotations"])
        for key in keys.sorted() where old[key]?.canonicalText != new[key]?.canonicalText { otherKeys.append(key) }
        var oldAnnotations = old["annotations"]?.objectValue ?? JSONObject(), newAnnotations = new["annotations"]?.objectValue ?? JSONObject()
        for hint in hints { oldAnnotations[hint] = nil; newAnnotations[hint] = nil }
        if JSONValue.object(oldAnnotations).canonicalText != JSONValue.object(newAnnotations).canonicalText { otherKeys.append("annotations") }
        if !otherKeys.isEmpty { kinds.append(.otherChanged(keys: otherKeys)) }
        return kinds
    }

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
         "gainedFindings": .array(gainedFindings.map(\.json)), "possibleRugPull": .bool(possibleRugPull), "fingerprint": .string(fingerprint),
         "accepted": acceptance.map { .string($0) } ?? .null, "categoryRose": .bool(categoryRose), "severityRose": .bool(severityRose),
         "categoryFell": .bool(categoryFell), "severityFell": .bool(severityFell)]
    }
}
