import JSON
import MCPClient
import Risk

/// One server's snapshot file (`servers/<id>/snapshot.json`): exactly what the server listed, when,
/// by which mcprisk, and each tool's definition hash. Assessments are never stored: they are derived
/// from this by the classifier, so a better classifier re-grades the catalogue offline.
public struct StoredSnapshot: Sendable, Hashable {
    /// The newest snapshot format this version reads and writes.
    public static let schemaVersion = 1
    /// The members of the definitions document, in the order the stdio client reports them.
    static let definitionKeys = ["serverInfo", "protocolVersion", "capabilities", "instructions",
                                 "tools", "prompts", "resources", "resourceTemplates"]

    /// The manifest id of the server.
    public var serverId: String
    /// When this content was first captured (unchanged content is not rewritten; see status.json for the last success).
    public var capturedAt: Timestamp
    /// The mcprisk version that captured it.
    public var mcpriskVersion: String
    /// The canonical definitions document: serverInfo, protocolVersion, capabilities, instructions,
    /// tools, prompts, resources, resourceTemplates.
    public var definitions: JSONValue
    /// Tool name → `ToolHash.sha256(of:)`; always recomputed from `definitions`, checked on read.
    public var toolHashes: [String: String]

    /// A snapshot of `definitions` captured at `capturedAt`.
    public init(serverId: String, capturedAt: Timestamp, mcpriskVersion: String, definitions: JSONValue) {
        self.serverId = serverId; self.capturedAt = capturedAt; self.mcpriskVersion = mcpriskVersion
        self.definitions = definitions.canonicalized
        toolHashes = ToolHash.hashes(of: self.definitions["tools"]?.arrayValue ?? [])
    }

    /// A snapshot of what a crawl read.
    public init(serverId: String, capturedAt: Timestamp, mcpriskVersion: String, snapshot: ServerSnapshot) {
        self.init(serverId: serverId, capturedAt: capturedAt, mcpriskVersion: mcpriskVersion,
                  definitions: Self.definitionsDocument(of: snapshot))
    }

    /// The canonical definitions document of a crawl: what the server listed, nothing about how it went.
    public static func definitionsDocument(of s: ServerSnapshot) -> JSONValue {
        var o = JSONObject()
        if let v = s.serverInfo { o["serverInfo"] = v }
        if let v = s.protocolVersion { o["protocolVersion"] = .string(v) }
        if let v = s.capabilities { o["capabilities"] = v }
        if let v = s.instructions { o["instructions"] = .string(v) }
        o["tools"] = .array(s.tools)
        o["prompts"] = .array(s.prompts)
        o["resources"] = .array(s.resources)
        o["resourceTemplates"] = .array(s.resourceTemplates)
        return .object(o)
    }

    /// The tools as listed.
    public var tools: [JSONValue] { definitions["tools"]?.arrayValue ?? [] }
    /// `serverInfo.name`, falling back to the id.
    public var serverName: String { definitions["serverInfo"]?["name"]?.stringValue ?? serverId }

    /// The input to the classifier.
    public var serverDefinitions: ServerDefinitions {
        var d = ServerDefinitions(json: definitions, serverName: serverId)
        d.serverName = serverName
        return d
    }

    /// The snapshot as a complete crawl result, for rendering reports and policies without crawling.
    public func serverSnapshot(target: String) -> ServerSnapshot {
        ServerSnapshot(target: target, protocolVersion: definitions["protocolVersion"]?.stringValue,
                       serverInfo: definitions["serverInfo"], capabilities: definitions["capabilities"],
                       instructions: definitions["instructions"]?.stringValue, tools: tools,
                       prompts: definitions["prompts"]?.arrayValue ?? [], resources: definitions["resources"]?.arrayValue ?? [],
                       resourceTemplates: definitions["resourceTemplates"]?.arrayValue ?? [], completeness: .complete)
    }

    /// The file's JSON.
    public var json: JSONValue {
        var hashes = JSONObject()
        for (name, hash) in toolHashes { hashes[name] = .string(hash) }
        return ["schemaVersion": .int(Self.schemaVersion), "serverId": .string(serverId), "capturedAt": .string(capturedAt.description),
                "mcpriskVersion": .string(mcpriskVersion), "definitions": definitions, "toolHashes": .object(hashes)]
    }

    /// Reads a snapshot file strictly: unknown keys, newer schemas and hashes that do not match their
    /// definitions are errors naming the file.
    public init(fileBytes: [UInt8], path: String) throws(CatalogueError) {
        let value: JSONValue
        do { value = try JSONParser().parse(fileBytes).value } catch { throw .invalidJSON(path: path, detail: error.description) }
        var r = try StrictObject(value, path: path)
        try r.schemaVersion(supported: Self.schemaVersion)
        serverId = try r.string("serverId")
        capturedAt = try r.timestamp("capturedAt")
        mcpriskVersion = try r.string("mcpriskVersion")
        definitions = try r.value("definitions").canonicalized
        var d = try StrictObject(definitions, path: path, context: "definitions")
        for key in Self.definitionKeys { _ = d.optionalValue(key) }
        try d.finish()
        for key in ["tools", "prompts", "resources", "resourceTemplates"] {
            guard let a = definitions[key]?.arrayValue else { throw .missingKey(path: path, key: "definitions.\(key)") }
            if key == "tools" {
                for (i, t) in a.enumerated() where t["name"]?.stringValue == nil {
                    throw .invalidValue(path: path, key: "definitions.tools[\(i)]", detail: "a tool needs a string name")
                }
            }
        }
        var stored: [String: String] = [:]
        guard let hashes = try r.value("toolHashes").objectValue else {
            throw .invalidValue(path: path, key: "toolHashes", detail: "expected an object")
        }
        for m in hashes.members {
            guard let h = m.value.stringValue else { throw .invalidValue(path: path, key: "toolHashes.\(m.key)", detail: "expected a string") }
            stored[m.key] = h
        }
        try r.finish()
        toolHashes = ToolHash.hashes(of: definitions["tools"]?.arrayValue ?? [])
        if let bad = Set(stored.keys).union(toolHashes.keys).sorted().first(where: { stored[$0] != toolHashes[$0] }) {
            throw .hashMismatch(path: path, tool: bad)
        }
    }
}
