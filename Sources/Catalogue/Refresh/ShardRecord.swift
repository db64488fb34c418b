import JSON

/// `shard.json` in a shard's output folder: which shard it was, against which manifest, and how each
/// of its servers went. `CatalogueMerger` checks these fit together before touching the catalogue.
public struct ShardRecord: Sendable, Hashable {
    /// The newest format this version reads and writes.
    public static let schemaVersion = 1
    /// The file name inside a shard output folder.
    public static let fileName = "shard.json"

    /// The shard, or nil for an unsharded run written to an output folder.
    public var shard: Shard?
    /// SHA-256 of the manifest's canonical text, so shards of different manifests are not mixed.
    public var manifestSha256: String
    /// Each crawled server's id and whether it succeeded, sorted by id.
    public var results: [(id: String, succeeded: Bool)]

    /// A record from its parts.
    public init(shard: Shard?, manifestSha256: String, results: [(id: String, succeeded: Bool)]) {
        self.shard = shard; self.manifestSha256 = manifestSha256; self.results = results.sorted { $0.id < $1.id }
    }

    /// The manifest's fingerprint.
    public static func fingerprint(of manifest: CatalogueManifest) -> String { SHA256.hex(manifest.json.canonicalText) }

    /// The file's JSON.
    public var json: JSONValue {
        var o = JSONObject([("schemaVersion", .int(Self.schemaVersion)), ("manifestSha256", .string(manifestSha256))])
        o["shard"] = shard.map { .string($0.description) } ?? .null
        o["results"] = .array(results.map { ["id": .string($0.id), "succeeded": .bool($0.succeeded)] })
        return .object(o)
    }

    /// Reads a shard record strictly.
    public init(fileBytes: [UInt8], path: String) throws(CatalogueError) {
        var r = try StrictObject.file(fileBytes, path: path, schemaVersion: Self.schemaVersion)
        manifestSha256 = try r.string("manifestSha256")
        if let text = try r.optionalString("shard") {
            do { shard = try Shard(parsing: text) } catch { throw .invalidValue(path: path, key: "shard", detail: error.description) }
        } else {
            shard = nil
        }
        var results: [(id: String, succeeded: Bool)] = []
        for (i, e) in try r.array("results").enumerated() {
            var er = try StrictObject(e, path: path, context: "results[\(i)]")
            let id = try er.string("id")
            guard let ok = try er.value("succeeded").boolValue else {
                throw .invalidValue(path: path, key: "results[\(i)].succeeded", detail: "expected a boolean")
            }
            try er.finish()
            results.append((id, ok))
        }
        try r.finish()
        self.results = results
    }

    public static func == (a: ShardRecord, b: ShardRecord) -> Bool {
        a.shard == b.shard && a.manifestSha256 == b.manifestSha256
            && a.results.map(\.id) == b.results.map(\.id) && a.results.map(\.succeeded) == b.results.map(\.succeeded)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(shard); hasher.combine(manifestSha256)
        for r in results { hasher.combine(r.id); hasher.combine(r.succeeded) }
    }
}
