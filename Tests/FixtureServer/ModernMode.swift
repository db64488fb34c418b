#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

/// A server of the stateless 2026-07-28 revision only: rejects initialize with -32022, serves
/// server/discover and lists that carry the `_meta` envelope.
enum ModernMode {
    static let version = "2026-07-28"
    static let serverInfo: JSONValue = ["name": "fixture-modern", "version": "2.0.0"]

    static func run() -> Never {
        serve { request in
            if request.method == "initialize" {
                return .error(code: -32022, message: "Unsupported protocol version",
                              data: ["supported": [.string(version)], "requested": request.params?["protocolVersion"] ?? nil])
            }
            let meta = request.params?["_meta"]
            guard meta?["io.modelcontextprotocol/protocolVersion"] == .string(version),
                  meta?["io.modelcontextprotocol/clientCapabilities"]?.objectValue != nil else {
                return .error(code: -32602, message: "missing or wrong _meta: protocolVersion and clientCapabilities are required")
            }
            let envelope: JSONValue = ["io.modelcontextprotocol/serverInfo": serverInfo]
            switch request.method {
            case "server/discover":
                return .result(["resultType": "complete", "supportedVersions": [.string(version)],
                                "capabilities": ["tools": [:], "prompts": [:]],
                                "instructions": "Modern fixture.", "_meta": envelope])
            case "tools/list":
                return .result(["resultType": "complete", "ttlMs": 60000, "cacheScope": "global", "_meta": envelope,
                                "tools": [Catalogue.tool("modern_search", "Searches the modern index.")]])
            case "prompts/list":
                return .result(["resultType": "complete", "ttlMs": 60000, "cacheScope": "global", "_meta": envelope,
                                "prompts": Catalogue.prompts])
            case "prompts/get":
                guard case .object(var body) = Catalogue.promptBody(request) else { return .error(code: -32603, message: "no body") }
                body["resultType"] = "complete"
                body["_meta"] = envelope
                return .result(.object(body))
            default:
                return .error(code: -32601, message: "Method not found")
            }
        }
    }
}
