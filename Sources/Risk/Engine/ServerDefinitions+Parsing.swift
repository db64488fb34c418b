import JSON

extension ServerDefinitions {
    /// Definitions parsed from JSON text, keeping the parser's issues (duplicate keys, bad UTF-8) with
    /// pointers rewritten to the definitions document, and reading an optional `otherServersTools`
    /// object (server name → tool names) so examples and saved multi-server scans can carry it.
    public init(parsing text: String, serverName: String = "example") throws(JSONError) {
        let parsed = try JSONParser().parse(text)
        self.init(json: parsed.value, serverName: serverName)
        let json = parsed.value
        let prefix: [String]
        if json.arrayValue != nil {
            prefix = ["tools"]
        } else if json["name"] != nil, json["tools"] == nil {
            prefix = ["tools", "0"]
        } else {
            prefix = []
        }
        parseIssues = parsed.issues.map { issue in
            var issue = issue
            issue.pointer = JSONPointer(tokens: prefix + issue.pointer.tokens)
            return issue
        }
        for (name, tools) in json["otherServersTools"]?.objectValue?.members ?? [] {
            otherServersTools[name] = tools.arrayValue?.compactMap(\.stringValue) ?? []
        }
    }
}
