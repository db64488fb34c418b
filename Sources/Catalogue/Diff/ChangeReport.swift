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

    /// The report of the catalogue moving from `before` to `after` (all in memory; see `Builder` for large catalogues).
    public init(generatedAt: Timestamp, manifest: CatalogueManifest, before: [String: ServerRecord], after: [String: ServerRecord],
                assess: @escaping CatalogueRefresher.Assess) {
        var builder = Builder(generatedAt: generatedAt, manifest: manifest, assess: assess)
        for id in Set(before.keys).union(after.keys).sorted() { builder.add(id: id, before: before[id], after: after[id]) }
        self = builder.build()
    }

    fileprivate init(generatedAt: Timestamp, statistics: CatalogueStatistics) {
        self.generatedAt = generatedAt; self.statistics = statistics
        serversAdded = []; serversRemoved = []; failing = []; recovered = []; changes = []
    }

    /// Builds a report one server at a time, so a catalogue of tens of thousands of servers never
    /// needs every snapshot in memory at once.
    public struct Builder {
        private var report: ChangeReport
        private let manifest: CatalogueManifest
        private let assess: CatalogueRefresher.Assess

        /// An empty report.
        public init(generatedAt: Timestamp, manifest: CatalogueManifest, assess: @escaping CatalogueRefresher.Assess) {
            report = ChangeReport(generatedAt: generatedAt, statistics: CatalogueStatistics(manifest: manifest))
            self.manifest = manifest; self.assess = assess
        }

        /// Adds one server: its record before the run (nil when new) and after (nil when removed).
        public mutating func add(id: String, before: ServerRecord?, after: ServerRecord?) {
            let name = manifest.entry(id: id)?.name ?? id
            let afterAssessment = after?.snapshot.map { assess($0.reviewed) }
            report.statistics.count(id: id, record: after, assessment: afterAssessment)
            guard let after else {
                if before != nil { report.serversRemoved.append(id) }
                return
            }
            if before == nil { report.serversAdded.append((id, name, after.snapshot?.tools.count)) }
            if let f = after.status?.failure {
                report.failing.append(FailingServer(id: id, name: name, failure: f, hasSnapshot: after.snapshot != nil))
            } else if before?.status?.failure != nil {
                report.recovered.append(id)
            }
            if let old = before?.snapshot, let new = after.snapshot, let afterAssessment, old != new {
                let diff = SnapshotDiff(before: old, beforeAssessment: assess(old.reviewed), after: new, afterAssessment: afterAssessment)
                if !diff.isEmpty { report.changes.append(ServerChanges(id: id, name: name, diff: diff)) }
            }
        }

        /// The report, every list sorted by server id.
        public func build() -> ChangeReport {
            var r = report
            r.serversAdded.sort { $0.id < $1.id }
            r.serversRemoved.sort()
            r.failing.sort { $0.id < $1.id }
            r.recovered.sort()
            r.changes.sort { $0.id < $1.id }
            return r
        }
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
