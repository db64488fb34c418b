import JSON

/// How the last refreshes of one server went (`servers/<id>/status.json`), kept beside its snapshot.
public struct ServerStatus: Sendable, Hashable {
    /// The newest status format this version reads and writes.
    public static let schemaVersion = 1

    /// The latest failure streak.
    public struct Failure: Sendable, Hashable {
        /// A stable machine name, e.g. `timeout`, `server-exited`, `partial`.
        public var kind: String
        /// What happened, bounded in length.
        public var message: String
        /// When the latest failure happened.
        public var at: Timestamp
        /// When the first failure of this streak happened.
        public var since: Timestamp
        /// How many refreshes in a row failed.
        public var consecutiveFailures: Int

        /// A failure from its parts.
        public init(kind: String, message: String, at: Timestamp, since: Timestamp, consecutiveFailures: Int) {
            self.kind = kind; self.message = message; self.at = at; self.since = since; self.consecutiveFailures = consecutiveFailures
        }
    }

    /// The manifest id.
    public var serverId: String
    /// When the server was last crawled successfully.
    public var lastSuccessAt: Timestamp?
    /// The current failure streak; nil when the last refresh succeeded.
    public var failure: Failure?

    /// A status from its parts.
    public init(serverId: String, lastSuccessAt: Timestamp? = nil, failure: Failure? = nil) {
        self.serverId = serverId; self.lastSuccessAt = lastSuccessAt; self.failure = failure
    }

    /// The status after a successful crawl at `time`.
    public func succeeded(at time: Timestamp) -> ServerStatus { ServerStatus(serverId: serverId, lastSuccessAt: time, failure: nil) }

    /// The status after a failed crawl at `time`: the streak grows, the last success is kept.
    public func failed(kind: String, message: String, at time: Timestamp) -> ServerStatus {
        let bounded = message.count > Self.maxMessageCharacters ? String(message.prefix(Self.maxMessageCharacters)) + "…" : message
        let streak = Failure(kind: kind, message: bounded, at: time, since: failure?.since ?? time,
                             consecutiveFailures: (failure?.consecutiveFailures ?? 0) + 1)
        return ServerStatus(serverId: serverId, lastSuccessAt: lastSuccessAt, failure: streak)
    }

    /// Failure messages quote server output; this bounds what lands in the catalogue.
    static let maxMessageCharacters = 1000

    /// The file's JSON.
    public var json: JSONValue {
        var o: JSONObject = JSONObject([("schemaVersion", .int(Self.schemaVersion)), ("serverId", .string(serverId))])
        if let lastSuccessAt { o["lastSuccessAt"] = .string(lastSuccessAt.description) }
        if let f = failure {
            o["failure"] = ["kind": .string(f.kind), "message": .string(f.message), "at": .string(f.at.description),
                            "since": .string(f.since.description), "consecutiveFailures": .int(f.consecutiveFailures)]
        }
        return .object(o)
    }

    /// Reads a status file strictly.
    public init(fileBytes: [UInt8], path: String) throws(CatalogueError) {
        var r = try StrictObject.file(fileBytes, path: path, schemaVersion: Self.schemaVersion)
        serverId = try r.string("serverId")
        lastSuccessAt = try r.optionalTimestamp("lastSuccessAt")
        if let f = r.optionalValue("failure"), !f.isNull {
            var fr = try StrictObject(f, path: path, context: "failure")
            let count = try fr.int("consecutiveFailures")
            guard count >= 1 else { throw .invalidValue(path: path, key: "failure.consecutiveFailures", detail: "must be at least 1") }
            failure = Failure(kind: try fr.string("kind"), message: try fr.string("message"), at: try fr.timestamp("at"),
                              since: try fr.timestamp("since"), consecutiveFailures: count)
            try fr.finish()
        } else {
            failure = nil
        }
        try r.finish()
    }
}
