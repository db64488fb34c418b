/// How one server's refresh went.
public struct ServerRefreshResult: Sendable, Hashable {
    /// The manifest id.
    public var id: String
    /// True when the crawl read the whole server.
    public var succeeded: Bool
    /// True when a new snapshot was written (content changed or first capture).
    public var snapshotWritten: Bool
    /// The status written for the server (holds the failure on failure).
    public var status: ServerStatus

    /// A result from its parts.
    public init(id: String, succeeded: Bool, snapshotWritten: Bool, status: ServerStatus) {
        self.id = id; self.succeeded = succeeded; self.snapshotWritten = snapshotWritten; self.status = status
    }
}

/// What a refresh (or a merge of shard refreshes) did.
///
/// Exit status: 0 when every crawled server succeeded (or there was nothing to crawl), 1 when some
/// failed and some succeeded, 2 when every crawled server failed. Failed servers keep their last good
/// snapshot either way.
public struct RefreshOutcome: Sendable {
    /// One result per crawled server, sorted by id.
    public var results: [ServerRefreshResult]
    /// The change report, when the run updated the catalogue itself (unsharded refresh, or merge).
    public var changeReport: ChangeReport?

    /// An outcome from its parts.
    public init(results: [ServerRefreshResult], changeReport: ChangeReport? = nil) {
        self.results = results.sorted { $0.id < $1.id }
        self.changeReport = changeReport
    }

    /// Servers crawled.
    public var total: Int { results.count }
    /// Servers read completely.
    public var succeeded: Int { results.count(where: \.succeeded) }
    /// Servers that failed (their last good snapshot was kept).
    public var failed: Int { total - succeeded }

    /// 0 all succeeded, 1 some failed, 2 none succeeded (see the type's documentation).
    public var exitStatus: Int32 {
        if failed == 0 { return 0 }
        return succeeded == 0 ? 2 : 1
    }

    /// One line for the end of a run: `refreshed 12 servers: 10 succeeded, 2 failed`.
    public var summary: String { "refreshed \(total) server\(total == 1 ? "" : "s"): \(succeeded) succeeded, \(failed) failed" }
}

/// Progress of a running refresh, for a progress line.
public struct RefreshProgress: Sendable, Hashable {
    /// Servers finished so far.
    public var done: Int
    /// Servers to crawl in all.
    public var total: Int
    /// Finished servers that failed.
    public var failed: Int
    /// The server that just finished.
    public var lastId: String

    /// The progress line: `[7/12] 1 failed, last: demo-minimal`.
    public var line: String { "[\(done)/\(total)] \(failed) failed, last: \(lastId)" }
}
