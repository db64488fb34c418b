import Definitions
import JSON

extension ReviewedServer {
    /// A server parsed from example JSON (a tool, an array of tools or a definitions document), keeping the
    /// parser's issues with pointers rewritten to the definitions document, and reading an optional
    /// `otherServersTools` object (server name → tool names) so examples can carry the other servers of
    /// their run.
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
        self.init(definitions, name: name)
        // The example's server first, then each other server it names, as one run.
        var servers = [RunIndex.Server(self)]
        for (server, tools) in json["otherServersTools"]?.objectValue?.members ?? [] {
            servers.append(RunIndex.Server(name: server, tools: (tools.arrayValue ?? []).compactMap(\.stringValue).map { RunIndex.Server.Tool(name: $0) }))
        }
        if servers.count > 1 { run = RunContext(index: RunIndex(servers: servers), position: 0) }
    }
}
