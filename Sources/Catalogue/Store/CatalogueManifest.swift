import JSON

/// The list of servers the catalogue tracks (`catalogue/manifest.json`, schemaVersion 1).
public struct CatalogueManifest: Sendable, Hashable {
    /// The newest manifest format this version reads and writes.
    public static let schemaVersion = 1

    /// The servers, in the manifest's order; ids are unique.
    public var servers: [ManifestEntry]

    /// A manifest from its entries (ids must be unique; `validate` checks).
    public init(servers: [ManifestEntry]) { self.servers = servers }

    /// Parses and validates manifest bytes; `path` names the file in errors.
    public init(fileBytes: [UInt8], path: String) throws(CatalogueError) {
        var r = try StrictObject.file(fileBytes, path: path, schemaVersion: Self.schemaVersion)
        var servers: [ManifestEntry] = []
        var seen: Set<String> = []
        for (i, e) in try r.array("servers").enumerated() {
            let entry = try ManifestEntry(json: e, path: path, context: "servers[\(i)]")
            guard seen.insert(entry.id).inserted else {
                throw .invalidValue(path: path, key: "servers[\(i)].id", detail: "id \"\(entry.id)\" appears twice")
            }
            servers.append(entry)
        }
        try r.finish()
        self.servers = servers
    }

    /// The entry with `id`.
    public func entry(id: String) -> ManifestEntry? { servers.first { $0.id == id } }

    /// The manifest as canonical JSON text.
    public var json: JSONValue {
        ["schemaVersion": .int(Self.schemaVersion), "servers": .array(servers.map(\.json))]
    }
}
