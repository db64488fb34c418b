import JSON
/// One of N stable slices of the manifest. A server belongs to shard `hash(id) mod N`, so adding or
/// reordering manifest entries never moves other servers between shards' work lists arbitrarily.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based index (Kubernetes `JOB_COMPLETION_INDEX`, a CI matrix index).
    public let index: Int
    /// How many shards in all.
    public let count: Int

    /// A shard; fails unless 0 <= index < count.
    public init(index: Int, count: Int) throws(CatalogueError) {
        guard count >= 1, index >= 0, index < count else { throw .invalidShard("\(index)/\(count)") }
        self.index = index; self.count = count
    }

    /// Parses `I/N`, e.g. `0/4`.
    public init(parsing text: String) throws(CatalogueError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else {
            throw .invalidShard(text)
        }
        do { try self.init(index: i, count: n) } catch { throw .invalidShard(text) }
    }

    /// The shard index `id` belongs to among `count` shards: the first 8 bytes of SHA-256(id) modulo count.
    public static func bucket(of id: String, count: Int) -> Int {
        let digest = SHA256.digest(Array(id.utf8))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(prefix % UInt64(count))
    }

    /// True when `id` is this shard's to crawl.
    public func contains(_ id: String) -> Bool { Self.bucket(of: id, count: count) == index }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}
