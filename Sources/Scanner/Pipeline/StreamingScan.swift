import Foundation
import MCPClient
import Policy
import Reports
import Risk

/// A scan that keeps one server in memory at a time (a few, with several jobs): each server is read,
/// assessed, turned into its report entry and rendered, handed over in target order, then dropped.
/// Memory is bounded by the largest servers, not by their number.
///
/// Servers are checked against each other's tool names (collisions, shadowing), so with more than one
/// target there are two passes. The first reads every target and keeps only its server name and tool
/// names (a live server's whole snapshot is kept too: it cannot be asked twice); the second reads each
/// saved file again and assesses it against the others' names. The result is exactly what assessing
/// all servers together gives (`ScanPipeline.report`).
public struct StreamingScan: Sendable {
    /// How to reach servers; `jobs` is how many servers are read, assessed and rendered at once.
    public var options: ScanOptions
    /// The starter policy format carried in each server's entry.
    public var policyFormat: PolicyFormat
    /// The starter policy profile.
    public var policyProfile: PolicyProfile
    /// The rules run (all built-in ones unless `--rule`/`--exclude-rule` chose fewer).
    public var rules: [any Rule]
    /// Saved files up to this many bytes in all keep their first-pass snapshot for the second pass.
    public var keptFileBytes = 8 << 20
    /// Check each server against the others' tool names (collisions, shadowing), as a scan of several
    /// servers does; false grades each server on its own, as the catalogue grades its servers.
    public var checksAcrossServers = true

    /// A scan with the given options.
    public init(options: ScanOptions, policyFormat: PolicyFormat, policyProfile: PolicyProfile = .recommended,
                rules: [any Rule] = BuiltinRules.all) {
        self.options = options; self.policyFormat = policyFormat; self.policyProfile = policyProfile; self.rules = rules
    }

    /// Scans `targets`. `prepare` runs for each server's entry on any thread, in any order (it is where
    /// report formats render their parts); `deliver` then gets what it made, in target order.
    /// `progress` is told (done, total, label) as servers finish.
    public func run<Prepared: Sendable>(
        _ targets: [PlannedTarget],
        progress: @escaping @Sendable (Int, Int, String) -> Void = { _, _, _ in },
        prepare: @escaping @Sendable (ServerReport, Int) -> Prepared,
        deliver: (Prepared) throws -> Void
    ) async throws {
        let fetcher = SnapshotFetcher(options: options)
        let jobs = max(1, options.jobs)
        var kept: [Int: ServerSnapshot] = [:]
        var names: [RunIndex.Server]?
        var steps = targets.count
        if targets.count > 1 && checksAcrossServers {
            steps *= 2
            var entries: [RunIndex.Server] = []
            entries.reserveCapacity(targets.count)
            var keptBytes = 0
            let budget = keptFileBytes
            try await InOrder.run(count: targets.count, concurrency: jobs, window: 2 * jobs) { i -> (RunIndex.Server, ServerSnapshot, Int?) in
                let snapshot = await fetcher.fetch(targets[i])
                let reviewed = ScanPipeline.reviewed(snapshot, label: targets[i].label)
                return (RunIndex.Server(reviewed), snapshot, Self.savedFileSize(targets[i]))
            } deliver: { i, result in
                entries.append(result.0)
                if let size = result.2 {
                    // A saved file is read again in the second pass unless it is small enough to keep.
                    if keptBytes + size <= budget { keptBytes += size; kept[i] = result.1 }
                } else {
                    kept[i] = result.1
                }
                progress(i + 1, steps, targets[i].label)
            }
            names = entries
        }
        let firstPass = TakeOnce(kept)
        kept = [:]
        // The run's names indexed once: each server is then checked against the others by lookup.
        let runIndex = names.map { RunIndex(servers: $0) }
        names = nil  // the index keeps what it needs; the servers' property lists are not held for the second pass
        let (format, profile) = (policyFormat, policyProfile)
        var shared = Assessor(rules: rules)
        // Fewer servers than jobs: the cores left over read each server's tools side by side.
        shared.jobs = max(1, min(jobs, ProcessInfo.processInfo.activeProcessorCount) / max(1, min(jobs, targets.count)))
        let assessor = shared
        let offset = steps - targets.count
        try await InOrder.run(count: targets.count, concurrency: jobs, window: 2 * jobs) { i -> Prepared in
            let snapshot: ServerSnapshot
            if let known = firstPass.take(i) { snapshot = known } else { snapshot = await fetcher.fetch(targets[i]) }
            let reviewed = ScanPipeline.reviewed(snapshot, label: targets[i].label)
            let assessment = runIndex.map { assessor.assess(reviewed, in: RunContext(index: $0, position: i)) } ?? assessor.assess(reviewed)
            let server = ScanPipeline.serverReport(ScannedServer(planned: targets[i], snapshot: snapshot), reviewed: reviewed,
                                                   assessment: assessment, policyFormat: format, policyProfile: profile)
            return prepare(server, i)
        } deliver: { i, prepared in
            try deliver(prepared)
            progress(offset + i + 1, steps, targets[i].label)
        }
    }

    /// The size of a saved file target (nil for servers reached live, which are always kept).
    static func savedFileSize(_ target: PlannedTarget) -> Int? {
        guard case .success(.file(let path)) = target.target else { return nil }
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// First-pass snapshots, each handed out once and then released.
final class TakeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var snapshots: [Int: ServerSnapshot]

    init(_ snapshots: [Int: ServerSnapshot]) { self.snapshots = snapshots }

    /// The snapshot of target `i`, if one was kept; it is not kept any longer.
    func take(_ i: Int) -> ServerSnapshot? {
        lock.lock(); defer { lock.unlock() }
        return snapshots.removeValue(forKey: i)
    }
}

extension PlannedTarget {
    /// True for a saved snapshot or `tools/list` file (scanned offline).
    public var isSavedFile: Bool {
        if case .success(.file) = target { return true }
        return false
    }
}
