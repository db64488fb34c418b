import Foundation
import JSON

/// Which HTTP transports the demo server speaks.
public enum DemoHTTPMode: String, Sendable, CaseIterable {
    /// Streamable HTTP at `/mcp`.
    case streamable
    /// Legacy HTTP+SSE: GET `/sse`, POST `/messages?sessionId=…`.
    case sse
    /// Both of the above.
    case both
}

/// How the Streamable HTTP endpoint answers requests.
public enum DemoHTTPResponseStyle: String, Sendable {
    /// A `text/event-stream` carrying the response (what most SDK servers do).
    case sse
    /// One `application/json` body.
    case json
}

/// An MCP server over HTTP on 127.0.0.1: Streamable HTTP with sessions and DELETE, and the legacy
/// HTTP+SSE transport, both answering with one JSON-RPC handler (request in, response out).
public final class DemoHTTPServer: @unchecked Sendable {
    /// Answers one JSON-RPC message: a response for a request, nil for a notification or response.
    public typealias RPCHandler = @Sendable (JSONValue) -> JSONValue?

    private let mode: DemoHTTPMode
    private let style: DemoHTTPResponseStyle
    private let handler: RPCHandler
    private let sessions = DemoHTTPSessions()
    private var server: LoopbackHTTPServer!

    /// Starts serving on 127.0.0.1:`port` (0 picks a free port).
    public init(port: UInt16 = 0, mode: DemoHTTPMode = .both, style: DemoHTTPResponseStyle = .sse,
                handler: @escaping RPCHandler) throws(LoopbackHTTPError) {
        self.mode = mode
        self.style = style
        self.handler = handler
        server = try LoopbackHTTPServer(port: port) { [unowned self] request, writer in
            self.handle(request, writer)
        }
    }

    /// The port in use.
    public var port: UInt16 { server.port }
    /// The Streamable HTTP endpoint.
    public var streamableURL: String { server.url("/mcp") }
    /// The legacy SSE stream URL.
    public var sseURL: String { server.url("/sse") }

    /// Stops the server and ends open streams.
    public func stop() {
        server.stop()
        sessions.closeAll()
    }

    /// Answers one HTTP request as the demo server would; lets tests wrap the server with their own routes.
    public func handle(_ request: HTTPServerRequest, _ writer: HTTPResponseWriter) {
        switch (request.path, mode) {
        case ("/mcp", .streamable), ("/mcp", .both): streamable(request, writer)
        case ("/sse", .sse), ("/sse", .both):
            if request.method == "GET" { legacyStream(writer) } else {
                writer.respond(status: 405, headers: [("Allow", "GET")], body: [])
            }
        case ("/messages", .sse), ("/messages", .both): legacyPost(request, writer)
        default:
            writer.respond(status: 404, contentType: "text/plain", text: "not found\n")
        }
    }

    // MARK: Streamable HTTP

    private func streamable(_ request: HTTPServerRequest, _ writer: HTTPResponseWriter) {
        switch request.method {
        case "POST": break
        case "DELETE":
            guard let id = request.header("mcp-session-id"), sessions.removeStreamable(id) else {
                return rpcError(writer, status: 404, code: -32001, "Session not found")
            }
            return writer.respond(status: 200)
        default:
            return writer.respond(status: 405, headers: [("Allow", "POST, DELETE")])
        }
        let accept = request.header("accept") ?? ""
        guard accept.contains("application/json"), accept.contains("text/event-stream") else {
            return rpcError(writer, status: 406, code: -32000, "Not Acceptable: Accept must list application/json and text/event-stream")
        }
        guard (request.header("content-type") ?? "").hasPrefix("application/json") else {
            return rpcError(writer, status: 415, code: -32000, "Unsupported Media Type: send application/json")
        }
        guard let doc = try? JSONParser(limits: JSONLimits(maxBytes: 4 << 20)).parse(request.body), doc.value.objectValue != nil else {
            return rpcError(writer, status: 400, code: -32700, "Parse error")
        }
        let message = doc.value
        var headers: [(String, String)] = []
        if message["method"]?.stringValue == "initialize" {
            headers.append(("Mcp-Session-Id", sessions.newStreamable()))
        } else {
            guard let id = request.header("mcp-session-id") else {
                return rpcError(writer, status: 400, code: -32000, "Bad Request: Mcp-Session-Id header is required")
            }
            guard sessions.hasStreamable(id) else { return rpcError(writer, status: 404, code: -32001, "Session not found") }
        }
        guard message["method"] != nil, let id = message["id"], !id.isNull else {
            return writer.respond(status: 202, headers: headers)
        }
        let response = handler(message) ?? Self.methodNotFound(id)
        switch style {
        case .json:
            writer.respond(status: 200, headers: headers + [("Content-Type", "application/json")], body: JSONWriter.compact.bytes(response))
        case .sse:
            writer.startStream(headers: headers + [("Content-Type", "text/event-stream")])
            writer.writeChunk("event: message\ndata: \(response.compactText)\n\n")
        }
    }

    // MARK: Legacy HTTP+SSE

    private func legacyStream(_ writer: HTTPResponseWriter) {
        let (id, outbox) = sessions.newLegacy()
        defer { sessions.removeLegacy(id) }
        writer.startStream(headers: [("Content-Type", "text/event-stream")])
        guard writer.writeChunk("event: endpoint\ndata: /messages?sessionId=\(id)\n\n") else { return }
        while !server.isStopped {
            switch outbox.take(timeout: 15) {
            case .some(.some(let event)):
                guard writer.writeChunk(event) else { return }
            case .some(.none):
                return  // session closed
            case .none:
                guard writer.writeChunk(": keep-alive\n\n") else { return }
            }
        }
    }

    private func legacyPost(_ request: HTTPServerRequest, _ writer: HTTPResponseWriter) {
        guard request.method == "POST" else { return writer.respond(status: 405, headers: [("Allow", "POST")]) }
        guard let id = request.queryValue("sessionId"), let outbox = sessions.legacy(id) else {
            return writer.respond(status: 404, contentType: "text/plain", text: "Could not find session\n")
        }
        guard let doc = try? JSONParser(limits: JSONLimits(maxBytes: 4 << 20)).parse(request.body), doc.value.objectValue != nil else {
            return writer.respond(status: 400, contentType: "text/plain", text: "Could not parse message\n")
        }
        writer.respond(status: 202, contentType: "text/plain", text: "Accepted")
        let message = doc.value
        guard message["method"] != nil, let rid = message["id"], !rid.isNull else { return }
        let response = handler(message) ?? Self.methodNotFound(rid)
        outbox.put("event: message\ndata: \(response.compactText)\n\n")
    }

    // MARK: Helpers

    private func rpcError(_ writer: HTTPResponseWriter, status: Int, code: Int, _ message: String) {
        let body: JSONValue = ["jsonrpc": "2.0", "id": nil, "error": ["code": .int(code), "message": .string(message)]]
        writer.respond(status: status, headers: [("Content-Type", "application/json")], body: JSONWriter.compact.bytes(body))
    }

    static func methodNotFound(_ id: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "Method not found"]]
    }
}
