import JSON

/// What one server offers, as the JSON it sent: the input to every rule. Pointers into it are of the
/// form `/tools/3/description`, `/prompts/0/arguments/1/description`, `/instructions`.
public struct ServerDefinitions: Sendable {
    /// The server's name (serverInfo.name, or the target) for messages and cross-server checks.
    public var serverName: String
    /// The server's `instructions`, if any.
    public var instructions: String?
    /// Each tool object as listed (valid entries only: they have a string `name`).
    public var tools: [JSONValue]
    /// Each prompt object as listed.
    public var prompts: [JSONValue]
    /// Each resource object as listed.
    public var resources: [JSONValue]
    /// Each resource template object as listed.
    public var resourceTemplates: [JSONValue]
    /// Irregularities the JSON parser met in the server's answers (duplicate keys, bad UTF-8), with
    /// pointers rewritten to this document where they could be.
    public var parseIssues: [JSONIssue]
    /// Names of tools offered by the other servers of the same scan (for collision and shadowing checks).
    public var otherServersTools: [String: [String]]

    /// Definitions from their parts.
    public init(serverName: String, instructions: String? = nil, tools: [JSONValue] = [], prompts: [JSONValue] = [],
                resources: [JSONValue] = [], resourceTemplates: [JSONValue] = [], parseIssues: [JSONIssue] = [],
                otherServersTools: [String: [String]] = [:]) {
        self.serverName = serverName; self.instructions = instructions; self.tools = tools; self.prompts = prompts
        self.resources = resources; self.resourceTemplates = resourceTemplates; self.parseIssues = parseIssues
        self.otherServersTools = otherServersTools
    }

    /// Definitions from a JSON document: a tool object (wrapped as the only tool), a bare array of
    /// tools, or an object with `tools`, `prompts`, `resources`, `resourceTemplates`, `instructions`.
    public init(json: JSONValue, serverName: String = "example") {
        self.init(serverName: serverName)
        if let array = json.arrayValue {
            tools = array
        } else if json["name"] != nil, json["tools"] == nil {
            tools = [json]
        } else {
            tools = json["tools"]?.arrayValue ?? []
            prompts = json["prompts"]?.arrayValue ?? []
            resources = json["resources"]?.arrayValue ?? []
            resourceTemplates = json["resourceTemplates"]?.arrayValue ?? []
            instructions = json["instructions"]?.stringValue
            if let name = json["serverInfo"]?["name"]?.stringValue { self.serverName = name }
        }
    }

    /// The document the pointers refer to.
    public var document: JSONValue {
        var o = JSONObject()
        if let instructions { o["instructions"] = .string(instructions) }
        o["tools"] = .array(tools)
        o["prompts"] = .array(prompts)
        o["resources"] = .array(resources)
        o["resourceTemplates"] = .array(resourceTemplates)
        return .object(o)
    }
}
