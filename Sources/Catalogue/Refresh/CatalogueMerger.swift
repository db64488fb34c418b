import Foundation
import JSON
import Risk

/// Joins the output folders of sharded refreshes into the catalogue: checks the shards fit together
/// (same manifest, every index exactly once, every server covered), then copies each shard's files in
/// atomically, drops servers no longer in the manifest and builds the change report, exactly as an
/// unsharded refresh would have.
public struct CatalogueMerger: Sendable {
    /// The catalogue to update.
    public var store: CatalogueStore
    /// The clock for the report's time.
    public var now: @Sendable () -> Date
    /// The classifier, for the change report.
    public var assess: CatalogueRefresher.Assess

    /// A merger into `store`.
    public init(store: CatalogueStore, now: @escaping @Sendable () -> Date = { Date() }, assess: @escaping CatalogueRefresher.Assess) {
        self.store = store; self.now = now; self.assess = assess
    }

    /// Merges the shard output folders; the outcome's exit status covers every shard's servers.
    public func merge(shardDirectories: [URL]) throws(CatalogueError) -> RefreshOutcome {
        let manifest = try store.readManifest()
        let fingerprint = ShardRecord.fingerprint(of: manifest)
        var shards: [(directory: URL, record: ShardRecord)] = []
        for directory in shardDirectories {
            let url = directory.appendingPathComponent(ShardRecord.fileName)
            guard let bytes = try POSIX.readFile(url.path, limit: AtomicFile.maxBytes) else {
                throw .io(path: url.path, detail: "not a shard output folder (no \(ShardRecord.fileName)); did that shard's refresh finish?")
            }
            let record = try ShardRecord(fileBytes: bytes, path: url.path)
            guard record.manifestSha256 == fingerprint else {
                throw .shardMismatch("\(url.path) was crawled from a different manifest than \(store.manifestURL.path)")
            }
            shards.append((directory, record))
        }
        try checkCoverage(shards.map(\.record), manifest: manifest)

        let lock = try store.lock()
        defer { lock.release() }
        var builder = ChangeReport.Builder(generatedAt: Timestamp(now()), manifest: manifest, assess: assess)
        var results: [ServerRefreshResult] = []
        for (directory, record) in shards {
            let shardStore = CatalogueStore(root: directory)
            for (id, succeeded) in record.results {
                let before = try store.readRecord(id: id)
                let snapshot = try shardStore.readSnapshot(id: id)
                guard let status = try shardStore.readStatus(id: id) else {
                    throw .io(path: shardStore.statusURL(id: id).path, detail: "missing: the shard output is incomplete")
                }
                if let snapshot { try store.writeSnapshot(snapshot) }
                try store.writeStatus(status)
                let isNew = before.snapshot == nil && before.status == nil
                builder.add(id: id, before: isNew ? nil : before, after: ServerRecord(snapshot: snapshot ?? before.snapshot, status: status))
                results.append(ServerRefreshResult(id: id, succeeded: succeeded, snapshotWritten: snapshot != nil, status: status))
            }
        }
        let listed = Set(manifest.servers.map(\.id))
        for id in try store.storedServerIds() where !listed.contains(id) {
            // Even an unreadable leftover is removed and reported: the manifest no longer lists it.
            builder.add(id: id, before: (try? store.readRecord(id: id)) ?? ServerRecord(snapshot: nil, status: nil), after: nil)
            try store.removeServer(id: id)
        }
        return RefreshOutcome(results: results, changeReport: builder.build())
    }

    /// Every shard of one count exactly once, each server in the shard it belongs to, all servers covered.
    private func checkCoverage(_ records: [ShardRecord], manifest: CatalogueManifest) throws(CatalogueError) {
        guard let first = records.first else { throw .shardMismatch("no shard output folders given") }
        let count = first.shard?.count ?? 1
        var seen: [Int: Int] = [:]
        for r in records {
            guard (r.shard?.count ?? 1) == count else {
                throw .shardMismatch("shards of different counts (\(first.shard?.description ?? "unsharded") and \(r.shard?.description ?? "unsharded"))")
            }
            seen[r.shard?.index ?? 0, default: 0] += 1
        }
        if let repeated = seen.filter({ $0.value > 1 }).keys.sorted().first { throw .shardMismatch("shard \(repeated)/\(count) given twice") }
        let missing = (0..<count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw .shardMismatch("missing shard\(missing.count == 1 ? "" : "s") " + missing.map { "\($0)/\(count)" }.joined(separator: ", "))
        }
        var covered: Set<String> = []
        for r in records {
            for (id, _) in r.results {
                guard manifest.entry(id: id) != nil else { throw .shardMismatch("server \"\(id)\" is not in the manifest") }
                if let s = r.shard, !s.contains(id) { throw .shardMismatch("server \"\(id)\" does not belong to shard \(s)") }
                covered.insert(id)
            }
        }
        if let uncovered = manifest.servers.map(\.id).first(where: { !covered.contains($0) }) {
            throw .shardMismatch("server \"\(uncovered)\" was crawled by no shard")
        }
    }
}
