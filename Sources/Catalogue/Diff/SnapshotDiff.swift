import JSON
import Risk

/// What changed between two snapshots of one server: tools added, removed, renamed (same definition
/// hash, new name) and changed (with what changed and how the verdict moved), and server-level changes.
public struct SnapshotDiff: Sendable, Hashable {
    /// Tools only in the new snapshot (renames excluded), by name.
    public var added: [ToolRef]
    /// Tools only in the old snapshot (renames excluded), by name.
    public var removed: [ToolRef]
    /// Tools whose definition stayed and whose name changed.
    public var renamed: [ToolRename]
    /// Tools whose name stayed and whose definition changed, by name.
    public var changed: [ToolChange]
    /// The server's instructions changed (they reach the model like a description does).
    public var instructionsChanged: Bool
    /// `serverInfo.version` before, if it changed.
    public var serverVersionBefore: String?
    /// `serverInfo.version` after, if it changed.
    public var serverVersionAfter: String?

    /// True when nothing changed.
    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && renamed.isEmpty && changed.isEmpty && !instructionsChanged && serverVersionBefore == serverVersionAfter
    }
    /// Changed tools flagged as possible rug pulls.
    public var possibleRugPulls: [ToolChange] { changed.filter(\.possibleRugPull) }

    /// The diff of two snapshots, classifying each with `assess`.
    public init(before: StoredSnapshot, after: StoredSnapshot, assess: CatalogueRefresher.Assess) {
        self.init(before: before, beforeAssessment: assess(before.reviewed), after: after, afterAssessment: assess(after.reviewed))
    }

    /// The diff of two snapshots and their assessments.
    public init(before: StoredSnapshot, beforeAssessment: ServerAssessment, after: StoredSnapshot, afterAssessment: ServerAssessment) {
        let oldTools = Self.byName(before.tools), newTools = Self.byName(after.tools)
        let oldVerdicts = Self.byName(beforeAssessment), newVerdicts = Self.byName(afterAssessment)
        func ref(_ name: String, _ verdicts: [String: ToolAssessment]) -> ToolRef {
            ToolRef(name: name, category: verdicts[name]?.category, severity: verdicts[name]?.severity)
        }
        var gone = oldTools.keys.filter { newTools[$0] == nil }.sorted()
        var new = newTools.keys.filter { oldTools[$0] == nil }.sorted()
        var renamed: [ToolRename] = []
        for name in gone {
            let hash = before.toolHashes[name]
            if let match = new.first(where: { after.toolHashes[$0] == hash }), let hash {
                renamed.append(ToolRename(from: name, to: match, sha256: hash))
                new.removeAll { $0 == match }
            }
        }
        gone.removeAll { name in renamed.contains { $0.from == name } }
        added = new.map { ref($0, newVerdicts) }
        removed = gone.map { ref($0, oldVerdicts) }
        self.renamed = renamed
        changed = oldTools.keys.sorted().compactMap { name -> ToolChange? in
            guard let old = oldTools[name], let now = newTools[name], before.toolHashes[name] != after.toolHashes[name] else { return nil }
            return Self.change(name: name, old: old, new: now, before: ref(name, oldVerdicts), after: ref(name, newVerdicts))
        }
        instructionsChanged = before.definitions["instructions"] != after.definitions["instructions"]
        let v0 = before.definitions["serverInfo"]?["version"]?.stringValue, v1 = after.definitions["serverInfo"]?["version"]?.stringValue
        serverVersionBefore = v0 == v1 ? nil : v0
        serverVersionAfter = v0 == v1 ? nil : v1
    }

    private static func byName(_ tools: [JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for t in tools { if let n = t["name"]?.stringValue, out[n] == nil { out[n] = t } }
        return out
    }

    private static func byName(_ assessment: ServerAssessment) -> [String: ToolAssessment] {
        var out: [String: ToolAssessment] = [:]
        for t in assessment.tools where out[t.name] == nil { out[t.name] = t }
        return out
    }

    private static let hints = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]

    private static func change(name: String, old: JSONValue, new: JSONValue, before: ToolRef, after: ToolRef) -> ToolChange {
        var kinds: [ToolChangeKind] = []
        let d0 = old["description"]?.stringValue, d1 = new["description"]?.stringValue
        let descriptionChanged = old["description"] != new["description"]
        if descriptionChanged { kinds.append(.descriptionChanged(before: d0, after: d1)) }
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
        return ToolChange(name: name, changes: kinds, before: before, after: after,
                          possibleRugPull: descriptionChanged || !schema.parameterDescriptionsChanged.isEmpty)
    }

    /// The diff as JSON.
    public var json: JSONValue {
        var o = JSONObject([("added", .array(added.map(\.json))), ("removed", .array(removed.map(\.json))),
                            ("renamed", .array(renamed.map(\.json))), ("changed", .array(changed.map(\.json))),
                            ("instructionsChanged", .bool(instructionsChanged))])
        if serverVersionBefore != nil || serverVersionAfter != nil {
            o["serverVersion"] = ["before": serverVersionBefore.map { .string($0) } ?? .null, "after": serverVersionAfter.map { .string($0) } ?? .null]
        }
        return .object(o)
    }
}
