import JSON

/// What one server says about itself and offers, as the JSON it sent: `serverInfo`, the negotiated
/// protocol version, capabilities, instructions, and its tools, prompts, resources and resource templates.
/// The client fills it from a live session or a snapshot file; the rule engine, policies, reports and the
/// catalogue read it. Pointers into it (`/tools/3/description`, `/instructions`) are pointers into
/// `document`, which is also the snapshot file format.
public struct ServerDefinitions: Sendable, Hashable {
    /// `serverInfo` as sent (an object), if any.
    public var serverInfo: JSONValue?
    /// The negotiated protocol version.
    public var protocolVersion: String?
    /// `capabilities` as sent (an object), if any.
    public var capabilities: JSONValue?
    /// `instructions` as sent.
    public var instructions: String?
    /// Tool entries, as sent.
    public var tools: [JSONValue]
    /// Prompt entries, as sent.
    public var prompts: [JSONValue]
    /// What `prompts/get` returned for each prompt, aligned with `prompts` by index (empty when bodies
    /// were not read): `{"name", "arguments", "result"}` or `{"name", "arguments", "error"}`.
    public var promptBodies: [JSONValue]
    /// Resource entries, as sent.
    public var resources: [JSONValue]
    /// Resource template entries, as sent.
    public var resourceTemplates: [JSONValue]
    /// What the JSON parser met in the server's answers (duplicate keys, invalid UTF-8, skipped deep
    /// subtrees), with pointers into `document`.
    public var parseIssues: [JSONIssue]

    /// Definitions from their parts.
    public init(serverInfo: JSONValue? = nil, protocolVersion: String? = nil, capabilities: JSONValue? = nil,
                instructions: String? = nil, tools: [JSONValue] = [], prompts: [JSONValue] = [], promptBodies: [JSONValue] = [],
                resources: [JSONValue] = [], resourceTemplates: [JSONValue] = [], parseIssues: [JSONIssue] = []) {
        self.serverInfo = serverInfo; self.protocolVersion = protocolVersion; self.capabilities = capabilities
        self.instructions = instructions; self.tools = tools; self.prompts = prompts; self.promptBodies = promptBodies
        self.resources = resources; self.resourceTemplates = resourceTemplates; self.parseIssues = parseIssues
    }

    /// `serverInfo.name`, if the server gave one.
    public var serverName: String? { serverInfo?["name"]?.stringValue }
    /// `serverInfo.version`, if the server gave one.
    public var serverVersion: String? { serverInfo?["version"]?.stringValue }

    /// The document pointers refer to, which is also the snapshot file form: serverInfo, protocolVersion,
    /// capabilities, instructions (when known), then tools, prompts, promptBodies (when read), resources
    /// and resourceTemplates.
    public var document: JSONValue {
        var object = JSONObject()
        if let serverInfo { object["serverInfo"] = serverInfo }
        if let protocolVersion { object["protocolVersion"] = .string(protocolVersion) }
        if let capabilities { object["capabilities"] = capabilities }
        if let instructions { object["instructions"] = .string(instructions) }
        object["tools"] = .array(tools)
        object["prompts"] = .array(prompts)
        if !promptBodies.isEmpty { object["promptBodies"] = .array(promptBodies) }
        object["resources"] = .array(resources)
        object["resourceTemplates"] = .array(resourceTemplates)
        return .object(object)
    }

    /// Definitions read leniently from a trusted document (rule examples, stored catalogue snapshots): a
    /// tool object (the only tool), a bare array of tools, or an object with the members of `document`.
    /// Members of the wrong type are ignored; untrusted files go through the client's strict reader.
    public init(document json: JSONValue) {
        self.init()
        if let array = json.arrayValue {
            tools = array
        } else if json["name"] != nil, json["tools"] == nil {
            tools = [json]
        } else {
            serverInfo = json["serverInfo"].flatMap { $0.objectValue != nil ? $0 : nil }
            protocolVersion = json["protocolVersion"]?.stringValue
            capabilities = json["capabilities"].flatMap { $0.objectValue != nil ? $0 : nil }
            instructions = json["instructions"]?.stringValue
            tools = json["tools"]?.arrayValue ?? []
            prompts = json["prompts"]?.arrayValue ?? []
            promptBodies = json["promptBodies"]?.arrayValue ?? []
            resources = json["resources"]?.arrayValue ?? []
            resourceTemplates = json["resourceTemplates"]?.arrayValue ?? []
        }
    }

    /// Where `init(document:)` puts the members of `json`: the prefix that turns a pointer into `json`
    /// into a pointer into `document` (`["tools"]` for a bare array, `["tools", "0"]` for one tool).
    public static func pointerPrefix(for json: JSONValue) -> [String] {
        if json.arrayValue != nil { return ["tools"] }
        if json["name"] != nil, json["tools"] == nil { return ["tools", "0"] }
        return []
    }
}
