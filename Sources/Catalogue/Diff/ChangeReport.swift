import JSON
import Risk

/// What a catalogue refresh changed: servers added, removed, failing and recovered; each server's tool
/// changes; and the catalogue-wide statistics. A pure function of the catalogue before and after, so
/// a sharded refresh and an unsharded one give the same report.
public struct ChangeReport: Sendable, Hashable {
    /// A server that is failing now.
    public struct FailingServer: Sendable, Hashable {
        /// The manifest id.
        public var id: String
        /// The display name.
        public var name: String
        /// The failure streak.
        public var failure: ServerStatus.Failure
        /// True when a last good snapshot is kept.
        public var hasSnapshot: Bool
    }

    /// One server's tool changes.
    public struct ServerChanges: Sendable, Hashable {
        /// The manifest id.
        public var id: String
        /// The display name.
        public var name: String
        /// What changed.
        public var diff: SnapshotDiff
    }

    /// When the report was made.
    public var generatedAt: Timestamp
    /// Servers that appeared in the catalogue (id, name, tool count if captured).
    public var serversAdded: [(id: String, name: String, tools: Int?)]
    /// Servers dropped from the catalogue.
    public var serversRemoved: [String]
    /// Servers whose last refresh failed.
    public var failing: [FailingServer]
    /// Servers that were failing and succeeded this time.
    public var recovered: [String]
    /// Servers whose tools changed, by id.
    public var changes: [ServerChanges]
    /// Catalogue-wide counts after the run.
    public var statistics: CatalogueStatistics

    /// The report of the catalogue moving from `before` to `after`.
    public init(generatedAt: Timestamp, manifest: CatalogueManifest, before: [String: ServerRecord], after: [String: ServerRecord],
                assess: CatalogueRefresher.Assess) {
        self.generatedAt = generatedAt
        func name(_ id: String) -> String { manifest.entry(id: id)?.name ?? id }
        serversAdded = after.keys.filter { before[$0] == nil }.sorted().map { ($0, name($0), after[$0]?.snapshot?.tools.count) }
        serversRemoved = before.keys.filter { after[$0] == nil }.sorted()
        failing = after.keys.sorted().compactMap { id in
            guard let f = after[id]?.status?.failure else { return nil }
            return FailingServer(id: id, name: name(id), failure: f, hasSnapshot: after[id]?.snapshot != nil)
        }
        recovered = after.keys.sorted().filter { before[$0]?.status?.failure != nil && after[$0]?.status?.failure == nil }
        changes = after.keys.sorted().compactMap { id in
            guard let old = before[id]?.snapshot, let new = after[id]?.snapshot, old != new else { return nil }
            let diff = SnapshotDiff(before: old, after: new, assess: assess)
            return diff.isEmpty ? nil : ServerChanges(id: id, name: name(id), diff: diff)
        }
        statistics = CatalogueStatistics(manifest: manifest, records: after, assess: assess)
    }

    /// Changed tools flagged as possible rug pulls, across servers.
    public var possibleRugPulls: Int { changes.reduce(0) { $0 + $1.diff.possibleRugPulls.count } }

    public static func == (a: ChangeReport, b: ChangeReport) -> Bool { a.json == b.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }

    /// The report as JSON (`reports/catalogue-changes.json`).
    public var json: JSONValue {
        [
            "schemaVersion": 1,
            "generatedAt": .string(generatedAt.description),
            "serversAdded": .array(serversAdded.map { ["id": .string($0.id), "name": .string($0.name), "tools": $0.tools.map { .int($0) } ?? .null] }),
            "serversRemoved": .array(serversRemoved.map { .string($0) }),
            "failing": .array(failing.map { f in
                ["id": .string(f.id), "name": .string(f.name), "kind": .string(f.failure.kind), "message": .string(f.failure.message),
                 "at": .string(f.failure.at.description), "since": .string(f.failure.since.description),
                 "consecutiveFailures": .int(f.failure.consecutiveFailures), "hasSnapshot": .bool(f.hasSnapshot)]
            }),
            "recovered": .array(recovered.map { .string($0) }),
            "changes": .array(changes.map { ["id": .string($0.id), "name": .string($0.name), "diff": $0.diff.json] }),
            "possibleRugPulls": .int(possibleRugPulls),
            "statistics": statistics.json,
        ]
    }
}
