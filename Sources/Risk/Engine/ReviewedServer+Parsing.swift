import Definitions
import JSON

extension ReviewedServer {
    /// A server parsed from example JSON (a tool, an array of tools or a definitions document), keeping the
    /// parser's issues with pointers rewritten to the definitions document, and reading an optional
    /// `otherServersTools` object (server name → tool names) so examples can carry other servers.
    public init(parsing text: String, name: String = "example") throws(JSONError) {
        let parsed = try JSONParser().parse(text)
        let json = parsed.value
        var definitions = ServerDefinitions(document: json)
        let prefix = ServerDefinitions.pointerPrefix(for: json)
        definitions.parseIssues = parsed.issues.map { issue in
            var issue = issue
            issue.pointer = JSONPointer(tokens: prefix + issue.pointer.tokens)
            return issue
        }
        var others: [String: [String]] = [:]
        for (server, tools) in json["otherServersTools"]?.objectValue?.members ?? [] {
            others[server] = tools.arrayValue?.compactMap(\.stringValue) ?? []
        }
        self.init(definitions, name: name, otherServersTools: others)
    }
}
