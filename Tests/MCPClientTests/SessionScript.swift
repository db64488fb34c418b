import JSON
import MCPClient
import TestSupport

/// Plays a server on the server end of an in-memory pair: each message the client sends goes to
/// `handler`, whose replies are sent back; the messages seen are returned when the client closes.
actor SessionScript {
    private(set) var seen: [JSONValue] = []
    let server: InMemoryTransport

    init(_ server: InMemoryTransport) { self.server = server }

    /// Runs until the client closes; `handler` returns raw lines to send (already JSON text).
    func run(_ handler: @Sendable (JSONValue) async -> [String]) async {
        while let message = await server.receiveMessage() {
            seen.append(message)
            for line in await handler(message) { await server.sendLine(line) }
        }
    }

    /// The methods the client sent, in order.
    var methods: [String] { seen.compactMap { $0["method"]?.stringValue } }
}

/// Crawls through an in-memory pair whose server side is `handler`; returns the snapshot and what the client sent.
func crawlScripted(options: CrawlOptions = CrawlOptions(requestTimeout: 5, totalTimeout: 20), stderr: String = "",
                   _ handler: @escaping @Sendable (JSONValue) async -> [String]) async -> (ServerSnapshot, [JSONValue]) {
    let (client, server) = InMemoryTransport.pair()
    await server.setDiagnostics(stderr)
    let script = SessionScript(server)
    async let played: Void = script.run(handler)
    let snapshot = await Crawler(options: options).crawl(client, target: "scripted")
    await played
    return (snapshot, await script.seen)
}

/// A response line.
func resultLine(_ request: JSONValue, _ result: String) -> String {
    "{\"jsonrpc\":\"2.0\",\"id\":\(request["id"]!.compactText),\"result\":\(result)}"
}

/// An error response line.
func errorLine(_ request: JSONValue, code: Int, message: String, data: String? = nil) -> String {
    let extra = data.map { ",\"data\":\($0)" } ?? ""
    return "{\"jsonrpc\":\"2.0\",\"id\":\(request["id"]!.compactText),\"error\":{\"code\":\(code),\"message\":\"\(message)\"\(extra)}}"
}

let initializeResult = "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{},\"prompts\":{},\"resources\":{}},\"serverInfo\":{\"name\":\"scripted\",\"version\":\"0.1\"},\"instructions\":\"Be careful.\"}"

/// A well-behaved server: two pages of tools, one prompt, one resource, one template.
@Sendable func wellBehaved(_ request: JSONValue) async -> [String] {
    guard let method = request["method"]?.stringValue, request["id"] != nil else { return [] }
    switch method {
    case "initialize": return [resultLine(request, initializeResult)]
    case "tools/list":
        if request["params"]?["cursor"] == "c2" {
            return [resultLine(request, "{\"tools\":[{\"name\":\"c\",\"inputSchema\":{}}]}")]
        }
        return [resultLine(request, "{\"tools\":[{\"name\":\"a\",\"inputSchema\":{}},{\"name\":\"b\",\"inputSchema\":{}}],\"nextCursor\":\"c2\"}")]
    case "prompts/list": return [resultLine(request, "{\"prompts\":[{\"name\":\"p\"}]}")]
    case "prompts/get": return [resultLine(request, "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Hello\"}}]}")]
    case "resources/list": return [resultLine(request, "{\"resources\":[{\"uri\":\"file:///x\",\"name\":\"x\"}]}")]
    case "resources/templates/list": return [resultLine(request, "{\"resourceTemplates\":[{\"uriTemplate\":\"file:///{p}\",\"name\":\"t\"}]}")]
    default: return [errorLine(request, code: -32601, message: "Method not found")]
    }
}

extension ServerSnapshot {
    /// Tool names in order.
    var toolNames: [String] { definitions.tools.compactMap { $0["name"]?.stringValue } }
    /// Anomaly kinds in order.
    var anomalyKinds: [String] { anomalies.map(\.kind) }
}
