import Foundation
import JSON

/// What the catalogue holds for one server: its last good snapshot and how refreshes went.
public struct ServerRecord: Sendable, Hashable {
    /// The last good snapshot, if the server was ever crawled successfully.
    public var snapshot: StoredSnapshot?
    /// The refresh status, if the server was ever refreshed.
    public var status: ServerStatus?

    /// A record from its parts.
    public init(snapshot: StoredSnapshot?, status: ServerStatus?) { self.snapshot = snapshot; self.status = status }
}

/// The catalogue folder on disk: `manifest.json`, and per server `servers/<id>/snapshot.json` and
/// `status.json`, all canonical JSON written atomically. Reads are strict.
public struct CatalogueStore: Sendable {
    /// The catalogue folder.
    public let root: URL

    /// The store rooted at `root` (created on first write).
    public init(root: URL) { self.root = root }

    /// `root/manifest.json`.
    public var manifestURL: URL { root.appendingPathComponent("manifest.json") }
    /// `root/servers`.
    public var serversDirectory: URL { root.appendingPathComponent("servers") }
    /// `root/.lock`.
    public var lockURL: URL { root.appendingPathComponent(".lock") }
    /// `root/servers/<id>/snapshot.json`.
    public func snapshotURL(id: String) -> URL { serversDirectory.appendingPathComponent(id).appendingPathComponent("snapshot.json") }
    /// `root/servers/<id>/status.json`.
    public func statusURL(id: String) -> URL { serversDirectory.appendingPathComponent(id).appendingPathComponent("status.json") }

    /// The canonical bytes every catalogue file is written as: sorted keys, two-space indent, final newline.
    public static func fileBytes(_ value: JSONValue) -> [UInt8] { JSONWriter.canonicalPretty.bytes(value) + [0x0A] }

    /// Reads the manifest.
    public func readManifest() throws(CatalogueError) -> CatalogueManifest {
        guard let bytes = try POSIX.readFile(manifestURL.path, limit: AtomicFile.maxBytes) else {
            throw .io(path: manifestURL.path, detail: "no manifest (create one; see docs/catalogue.md)")
        }
        return try CatalogueManifest(fileBytes: bytes, path: manifestURL.path)
    }

    /// Writes the manifest atomically.
    public func writeManifest(_ manifest: CatalogueManifest) throws(CatalogueError) {
        let path = manifestURL.path
        try AtomicFile.write(Self.fileBytes(manifest.json), to: manifestURL) { bytes throws(CatalogueError) in
            _ = try CatalogueManifest(fileBytes: bytes, path: path)
        }
    }

    /// The last good snapshot of `id`, if any.
    public func readSnapshot(id: String) throws(CatalogueError) -> StoredSnapshot? {
        let url = snapshotURL(id: id)
        guard let bytes = try POSIX.readFile(url.path, limit: AtomicFile.maxBytes) else { return nil }
        let snapshot = try StoredSnapshot(fileBytes: bytes, path: url.path)
        guard snapshot.serverId == id else {
            throw .invalidValue(path: url.path, key: "serverId", detail: "\"\(snapshot.serverId)\" does not match the folder \"\(id)\"")
        }
        return snapshot
    }

    /// Writes a snapshot atomically (read back and decoded before it replaces the old one).
    public func writeSnapshot(_ snapshot: StoredSnapshot) throws(CatalogueError) {
        let url = snapshotURL(id: snapshot.serverId)
        try AtomicFile.write(Self.fileBytes(snapshot.json), to: url) { bytes throws(CatalogueError) in
            guard try StoredSnapshot(fileBytes: bytes, path: url.path) == snapshot else { throw .readBackMismatch(path: url.path) }
        }
    }

    /// The refresh status of `id`, if any.
    public func readStatus(id: String) throws(CatalogueError) -> ServerStatus? {
        let url = statusURL(id: id)
        guard let bytes = try POSIX.readFile(url.path, limit: AtomicFile.maxBytes) else { return nil }
        let status = try ServerStatus(fileBytes: bytes, path: url.path)
        guard status.serverId == id else {
            throw .invalidValue(path: url.path, key: "serverId", detail: "\"\(status.serverId)\" does not match the folder \"\(id)\"")
        }
        return status
    }

    /// Writes a status atomically.
    public func writeStatus(_ status: ServerStatus) throws(CatalogueError) {
        let url = statusURL(id: status.serverId)
        try AtomicFile.write(Self.fileBytes(status.json), to: url) { bytes throws(CatalogueError) in
            guard try ServerStatus(fileBytes: bytes, path: url.path) == status else { throw .readBackMismatch(path: url.path) }
        }
    }

    /// The ids that have a folder under `servers/`, sorted.
    public func storedServerIds() throws(CatalogueError) -> [String] {
        let path = serversDirectory.path
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { ManifestEntry.isValidId($0) }
                .sorted()
        } catch { throw .io(path: path, detail: "cannot list: \(error.localizedDescription)") }
    }

    /// Everything stored for `id`.
    public func readRecord(id: String) throws(CatalogueError) -> ServerRecord {
        ServerRecord(snapshot: try readSnapshot(id: id), status: try readStatus(id: id))
    }

    /// Everything stored, by id.
    public func readAll() throws(CatalogueError) -> [String: ServerRecord] {
        var out: [String: ServerRecord] = [:]
        for id in try storedServerIds() { out[id] = try readRecord(id: id) }
        return out
    }

    /// Every manifest server with what is stored for it, in manifest order: the input for rendering
    /// each server's report and policy from stored snapshots without crawling.
    public func storedServers(of manifest: CatalogueManifest) throws(CatalogueError) -> [(entry: ManifestEntry, record: ServerRecord)] {
        var out: [(entry: ManifestEntry, record: ServerRecord)] = []
        for entry in manifest.servers { out.append((entry, try readRecord(id: entry.id))) }
        return out
    }

    /// Removes a server's files and folder (a server dropped from the manifest; git history keeps it).
    public func removeServer(id: String) throws(CatalogueError) {
        let directory = serversDirectory.appendingPathComponent(id)
        do {
            if FileManager.default.fileExists(atPath: directory.path) { try FileManager.default.removeItem(at: directory) }
        } catch { throw .io(path: directory.path, detail: "cannot remove: \(error.localizedDescription)") }
        POSIX.syncDirectory(serversDirectory.path)
    }

    /// Takes the catalogue lock and sweeps temporary files a killed writer left behind.
    public func lock() throws(CatalogueError) -> CatalogueLock {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch { throw .io(path: root.path, detail: "cannot create directory: \(error.localizedDescription)") }
        let lock = try CatalogueLock.acquire(at: lockURL)
        AtomicFile.sweepTemporaries(in: root)
        for id in (try? storedServerIds()) ?? [] { AtomicFile.sweepTemporaries(in: serversDirectory.appendingPathComponent(id)) }
        return lock
    }
}
