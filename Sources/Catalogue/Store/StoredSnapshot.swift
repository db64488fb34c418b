import Definitions
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
                                 "tools", "prompts", "promptBodies", "resources", "resourceTemplates"]

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
    /// What the JSON parser met in the server's answers (duplicate keys, invalid UTF-8, skipped deep
    /// subtrees), pointing into `definitions`: kept because some findings rest on them.
    public var parseIssues: [JSONIssue]

    /// A snapshot of `definitions` captured at `capturedAt`.
    public init(serverId: String, capturedAt: Timestamp, mcpriskVersion: String, definitions: JSONValue, parseIssues: [JSONIssue] = []) {
        self.serverId = serverId; self.capturedAt = capturedAt; self.mcpriskVersion = mcpriskVersion
        self.definitions = definitions.canonicalized
        self.parseIssues = parseIssues
        toolHashes = ToolHash.hashes(of: self.definitions["tools"]?.arrayValue ?? [])
    }

    /// A snapshot of what a crawl read: its canonical definitions document and parse issues.
    public init(serverId: String, capturedAt: Timestamp, mcpriskVersion: String, snapshot: ServerSnapshot) {
        self.init(serverId: serverId, capturedAt: capturedAt, mcpriskVersion: mcpriskVersion,
                  definitions: snapshot.definitions.document, parseIssues: snapshot.definitions.parseIssues)
    }

    /// True when `other` holds the same listing (definitions and parse issues), whenever captured.
    public func sameContent(as other: StoredSnapshot) -> Bool { definitions == other.definitions && parseIssues == other.parseIssues }

    /// The tools as listed.
    public var tools: [JSONValue] { definitions["tools"]?.arrayValue ?? [] }
    /// `serverInfo.name`, falling back to the id.
    public var serverName: String { definitions["serverInfo"]?["name"]?.stringValue ?? serverId }

    /// The definitions, with their parse issues, as every later stage reads them.
    public var serverDefinitions: ServerDefinitions {
        var d = ServerDefinitions(document: definitions)
        d.parseIssues = parseIssues
        return d
    }

    /// The server as the rules see it (named by `serverInfo.name`, else the id).
    public var reviewed: ReviewedServer { ReviewedServer(serverDefinitions, name: serverId) }

    /// The snapshot as a complete crawl result, for rendering reports and policies without crawling.
    public func serverSnapshot(target: String) -> ServerSnapshot {
        ServerSnapshot(target: target, definitions: serverDefinitions, completeness: .complete)
    }

    /// The file's JSON.
    public var json: JSONValue {
        var hashes = JSONObject()
        for (name, hash) in toolHashes { hashes[name] = .string(hash) }
        var o = JSONObject([("schemaVersion", .int(Self.schemaVersion)), ("serverId", .string(serverId)),
                            ("capturedAt", .string(capturedAt.description)), ("mcpriskVersion", .string(mcpriskVersion)),
                            ("definitions", definitions), ("toolHashes", .object(hashes))])
        if !parseIssues.isEmpty {
            o["parseIssues"] = .array(parseIssues.map { issue in
                ["kind": .string(issue.kind.rawValue), "pointer": .string(issue.pointer.description),
                 "offset": .int(issue.offset), "detail": .string(issue.detail)]
            })
        }
        return .object(o)
    }

    /// Reads a snapshot file strictly: unknown keys, newer schemas and hashes that do not match their
    /// definitions are errors naming the file.
    public init(fileBytes: [UInt8], path: String) throws(CatalogueError) {
        var r = try StrictObject.file(fileBytes, path: path, schemaVersion: Self.schemaVersion)
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
        var issues: [JSONIssue] = []
        for (i, value) in try r.array("parseIssues").enumerated() {
            var ir = try StrictObject(value, path: path, context: "parseIssues[\(i)]")
            let kindText = try ir.string("kind"), pointerText = try ir.string("pointer")
            guard let kind = JSONIssue.Kind(rawValue: kindText) else {
                throw .invalidValue(path: path, key: ir.keyPath("kind"), detail: "unknown issue kind \"\(kindText)\"")
            }
            guard let pointer = JSONPointer(pointerText) else {
                throw .invalidValue(path: path, key: ir.keyPath("pointer"), detail: "not a JSON Pointer: \"\(pointerText)\"")
            }
            issues.append(JSONIssue(kind: kind, at: pointer, offset: try ir.int("offset"), detail: try ir.string("detail")))
            try ir.finish()
        }
        parseIssues = issues
        try r.finish()
        toolHashes = ToolHash.hashes(of: definitions["tools"]?.arrayValue ?? [])
        if let bad = Set(stored.keys).union(toolHashes.keys).sorted().first(where: { stored[$0] != toolHashes[$0] }) {
            throw .hashMismatch(path: path, tool: bad)
        }
    }
}
