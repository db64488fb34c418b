import Foundation
import JSON
import MCPClient
import Risk

/// Crawls the manifest's servers with bounded concurrency and a per-server deadline, keeping each
/// failed server's last good snapshot and recording the failure beside it. One misbehaving server
/// never stops the run. Crawling and classifying are injected, so tests run on fakes.
public struct CatalogueRefresher: Sendable {
    /// Crawls one server; never throws: failures come back as a failed or partial snapshot.
    public typealias Crawl = @Sendable (ManifestEntry) async -> ServerSnapshot
    /// Classifies one server's definitions.
    public typealias Assess = @Sendable (ReviewedServer) -> ServerAssessment

    /// The catalogue (read for the manifest and previous state; written unless `outputDirectory` is set).
    public var store: CatalogueStore
    /// Servers crawled at once (at least 1).
    public var jobs: Int
    /// Seconds allowed per server, enforced even if the crawl ignores cancellation.
    public var timeout: Double
    /// Crawl only this shard's servers.
    public var shard: Shard?
    /// Write results here (a shard output folder for `CatalogueMerger`) instead of into the catalogue.
    public var outputDirectory: URL?
    /// Recorded in new snapshots.
    public var mcpriskVersion: String
    /// The crawl.
    public var crawl: Crawl
    /// The clock for timestamps (injected so runs are reproducible in tests).
    public var now: @Sendable () -> Date
    /// The classifier, for the change report.
    public var assess: Assess
    /// Called after each server finishes (e.g. to redraw a progress line).
    public var progress: (@Sendable (RefreshProgress) -> Void)?
    /// Seconds, in all, that crawls abandoned at their deadline get at the end of the run to finish
    /// their own teardown (so no server process outlives the refresh).
    public var abandonedGrace: Double = 10

    /// A refresher; see the properties.
    public init(store: CatalogueStore, jobs: Int, timeout: Double, shard: Shard? = nil, outputDirectory: URL? = nil,
                mcpriskVersion: String, crawl: @escaping Crawl, now: @escaping @Sendable () -> Date = { Date() },
                assess: @escaping Assess, progress: (@Sendable (RefreshProgress) -> Void)? = nil, abandonedGrace: Double = 10) {
        self.store = store; self.jobs = max(1, jobs); self.timeout = timeout; self.shard = shard
        self.outputDirectory = outputDirectory; self.mcpriskVersion = mcpriskVersion; self.crawl = crawl
        self.now = now; self.assess = assess; self.progress = progress; self.abandonedGrace = abandonedGrace
    }

    /// Runs the refresh. Throws only for catalogue problems (no manifest, corrupt files, lock held);
    /// server failures are results. An unsharded refresh in place also drops servers no longer in the
    /// manifest and returns the change report.
    public func run() async throws(CatalogueError) -> RefreshOutcome {
        let manifest = try store.readManifest()
        let entries = manifest.servers.filter { shard?.contains($0.id) ?? true }
        let output: CatalogueStore
        let lock: CatalogueLock
        if let outputDirectory {
            output = CatalogueStore(root: outputDirectory)
            lock = try output.lock()
            try prepareOutputDirectory(output)
        } else {
            output = store
            lock = try store.lock()
        }
        defer { lock.release() }
        let fullRun = outputDirectory == nil && shard == nil
        // The report is built one server at a time, so memory stays bounded by the jobs in flight.
        var builder = fullRun ? ChangeReport.Builder(generatedAt: Timestamp(now()), manifest: manifest, assess: assess) : nil

        var results: [ServerRefreshResult] = []
        let crawl = self.crawl, timeout = self.timeout
        var abandoned: [Task<Void, Never>] = []
        func finish(_ entry: ManifestEntry, _ result: ServerRefreshResult, before: ServerRecord?, after: ServerRecord) {
            results.append(result)
            builder?.add(id: entry.id, before: before, after: after)
            progress?(RefreshProgress(done: results.count, total: entries.count, failed: results.count(where: { !$0.succeeded }), lastId: entry.id))
        }
        await withTaskGroup(of: (ManifestEntry, ServerRecord?, ServerSnapshot?, Task<Void, Never>).self) { group in
            var pending = entries.makeIterator()
            /// Starts the next server whose stored files are readable; unreadable ones are recorded at once, untouched.
            func startNext() {
                while let entry = pending.next() {
                    let previous: ServerRecord?
                    do {
                        previous = try store.readRecord(id: entry.id)
                    } catch {
                        let status = ServerStatus(serverId: entry.id).failed(kind: "invalid-catalogue-file", message: error.description, at: Timestamp(now()))
                        finish(entry, ServerRefreshResult(id: entry.id, succeeded: false, snapshotWritten: false, status: status),
                               before: ServerRecord(snapshot: nil, status: nil), after: ServerRecord(snapshot: nil, status: status))
                        continue
                    }
                    group.addTask {
                        let (snapshot, task) = await Deadline.run(seconds: timeout) { await crawl(entry) }
                        return (entry, previous, snapshot, task)
                    }
                    return
                }
            }
            for _ in 0..<min(jobs, entries.count) { startNext() }
            while let (entry, previous, snapshot, task) = await group.next() {
                if snapshot == nil { abandoned.append(task) }
                let before = previous.flatMap { $0.snapshot == nil && $0.status == nil ? nil : $0 }
                let (result, written) = record(entry: entry, snapshot: snapshot, previous: previous ?? ServerRecord(snapshot: nil, status: nil), into: output)
                finish(entry, result, before: before, after: written)
                startNext()
            }
        }
        await Deadline.drain(abandoned, seconds: abandonedGrace)

        if let outputDirectory {
            let shardFile = outputDirectory.appendingPathComponent(ShardRecord.fileName)
            let record = ShardRecord(shard: shard, manifestSha256: ShardRecord.fingerprint(of: manifest),
                                     results: results.map { ($0.id, $0.succeeded) })
            try AtomicFile.write(CatalogueStore.fileBytes(record.json), to: shardFile) { bytes throws(CatalogueError) in
                guard try ShardRecord(fileBytes: bytes, path: shardFile.path) == record else { throw .readBackMismatch(path: shardFile.path) }
            }
            return RefreshOutcome(results: results)
        }
        guard var builder else { return RefreshOutcome(results: results) }
        let listed = Set(manifest.servers.map(\.id))
        for id in try store.storedServerIds() where !listed.contains(id) {
            // Even an unreadable leftover is removed and reported: the manifest no longer lists it.
            builder.add(id: id, before: (try? store.readRecord(id: id)) ?? ServerRecord(snapshot: nil, status: nil), after: nil)
            try store.removeServer(id: id)
        }
        return RefreshOutcome(results: results, changeReport: builder.build())
    }

    /// Stores one server's outcome; a storage failure is recorded as that server's failure.
    private func record(entry: ManifestEntry, snapshot: ServerSnapshot?, previous: ServerRecord,
                        into output: CatalogueStore) -> (ServerRefreshResult, ServerRecord) {
        let time = Timestamp(now())
        let status = previous.status ?? ServerStatus(serverId: entry.id)
        func failure(_ kind: String, _ message: String) -> (ServerRefreshResult, ServerRecord) {
            let failed = status.failed(kind: kind, message: message, at: time)
            try? output.writeStatus(failed)
            return (ServerRefreshResult(id: entry.id, succeeded: false, snapshotWritten: false, status: failed),
                    ServerRecord(snapshot: previous.snapshot, status: failed))
        }
        guard let snapshot else {
            return failure("timeout", "no complete answer within \(Self.seconds(timeout)) s (catalogue per-server timeout)")
        }
        switch snapshot.completeness {
        case .failed:
            return failure(snapshot.error?.kind ?? "failed", snapshot.error?.description ?? "the crawl failed without a reason")
        case .partial:
            // A partial listing would look like removed tools; keep the last good snapshot instead.
            return failure("partial", "only part of the server was read: " + (snapshot.error?.description ?? "no reason given"))
        case .complete:
            break
        }
        var stored = StoredSnapshot(serverId: entry.id, capturedAt: time, mcpriskVersion: mcpriskVersion, snapshot: snapshot)
        let unchanged = previous.snapshot.map { $0.sameContent(as: stored) } ?? false
        if unchanged, let old = previous.snapshot { stored = old }
        do {
            if !unchanged { try output.writeSnapshot(stored) }
            let succeeded = status.succeeded(at: time)
            try output.writeStatus(succeeded)
            return (ServerRefreshResult(id: entry.id, succeeded: true, snapshotWritten: !unchanged, status: succeeded),
                    ServerRecord(snapshot: stored, status: succeeded))
        } catch {
            return failure("storage", "could not store the snapshot: \(error.description)")
        }
    }

    /// Marks a folder as a shard output from the moment a run starts, so a run killed before writing
    /// `shard.json` can be retried into the same folder.
    static let outputMarker = ".mcprisk-shard-output"

    /// Empties a shard output folder from an earlier (finished or killed) run; refuses any other non-empty folder.
    private func prepareOutputDirectory(_ output: CatalogueStore) throws(CatalogueError) {
        let path = output.root.standardizedFileURL.path
        guard path != store.root.standardizedFileURL.path else {
            throw .io(path: path, detail: "the output folder must not be the catalogue itself")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0 != ".lock" && !$0.hasPrefix(AtomicFile.temporaryPrefix) }
        guard names.isEmpty || names.contains(ShardRecord.fileName) || names.contains(Self.outputMarker) else {
            throw .io(path: path, detail: "the output folder is not empty and is not a shard output; refusing to overwrite it")
        }
        do {
            try? FileManager.default.removeItem(atPath: path + "/" + ShardRecord.fileName)
            if FileManager.default.fileExists(atPath: output.serversDirectory.path) { try FileManager.default.removeItem(at: output.serversDirectory) }
            try Data().write(to: output.root.appendingPathComponent(Self.outputMarker))
        } catch { throw .io(path: path, detail: "cannot prepare the shard output folder: \(error.localizedDescription)") }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }
}
