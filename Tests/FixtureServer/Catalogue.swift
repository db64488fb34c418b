import JSON

/// The definitions the well-behaved modes serve, and the standard answers to the standard methods.
enum Catalogue {
    static let instructions = "Fixture server: use read_file before write_file."

    static func tool(_ name: String, _ description: String, properties: JSONValue = [:]) -> JSONValue {
        ["name": .string(name), "description": .string(description),
         "inputSchema": ["type": "object", "properties": properties]]
    }

    /// Two pages of tools: read_file and write_file, then delete_file.
    static let toolPages: [[JSONValue]] = [
        [tool("read_file", "Reads a file and returns its text.", properties: ["path": ["type": "string"]]),
         tool("write_file", "Writes text to a file, replacing it.", properties: ["path": ["type": "string"], "text": ["type": "string"]])],
        [tool("delete_file", "Deletes a file permanently.", properties: ["path": ["type": "string"]])],
    ]

    static let prompts: JSONValue = [["name": "summarize", "description": "Summarises a document.",
                                      "arguments": [["name": "text", "required": true]]]]
    /// What `prompts/get` returns for `summarize`, its argument filled in.
    static func promptBody(_ request: Request) -> JSONValue {
        let text = request.params?["arguments"]?["text"]?.stringValue ?? ""
        return ["description": "Summarises a document.",
                "messages": [["role": "user", "content": ["type": "text", "text": .string("Summarise this document: \(text)")]]]]
    }
    static let resources: JSONValue = [["uri": "file:///etc/hosts", "name": "hosts", "mimeType": "text/plain"]]
    static let templates: JSONValue = [["uriTemplate": "file:///{path}", "name": "files"]]

    static func initializeResult(_ request: Request, name: String, capabilities: JSONValue? = nil) -> JSONValue {
        let asked = request.params?["protocolVersion"]?.stringValue ?? "2025-11-25"
        let known = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]
        return ["protocolVersion": .string(known.contains(asked) ? asked : "2025-11-25"),
                "capabilities": capabilities ?? ["tools": ["listChanged": true], "prompts": [:], "resources": [:]],
                "serverInfo": ["name": .string(name), "version": "1.0.0"],
                "instructions": .string(instructions)]
    }

    /// The standard answers: initialize, the four lists (tools paginated), prompts/get, ping; -32601 otherwise.
    /// Lists before `notifications/initialized` are refused, as the Python SDK does.
    static func standard(_ request: Request, name: String = "fixture-good", tools pages: [[JSONValue]] = toolPages) -> Reply {
        switch request.method {
        case "initialize": return .result(initializeResult(request, name: name))
        case "ping": return .result([:])
        case "tools/list", "prompts/list", "prompts/get", "resources/list", "resources/templates/list":
            guard Session.initialized else { return .error(code: -32602, message: "Received request before initialization was complete") }
        default: return .error(code: -32601, message: "Method not found")
        }
        switch request.method {
        case "tools/list":
            let page = request.cursor.flatMap { Int($0.dropFirst("page".count)) } ?? 1
            guard page >= 1, page <= pages.count else { return .error(code: -32602, message: "invalid cursor") }
            var result = JSONObject([("tools", .array(pages[page - 1]))])
            if page < pages.count { result["nextCursor"] = .string("page\(page + 1)") }
            return .result(.object(result))
        case "prompts/list": return .result(["prompts": prompts])
        case "prompts/get":
            guard request.params?["name"] == "summarize" else { return .error(code: -32602, message: "unknown prompt") }
            return .result(promptBody(request))
        case "resources/list": return .result(["resources": resources])
        default: return .result(["resourceTemplates": templates])
        }
    }
}
