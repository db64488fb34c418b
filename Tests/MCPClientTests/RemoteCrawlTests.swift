import Foundation
import Testing
import JSON
import DemoServer
@testable import MCPClient

/// The Crawler (session, lists, pagination) over the HTTP transports, end to end on loopback.
@Suite(.serialized) struct RemoteCrawlTests {
    let crawler = Crawler(options: CrawlOptions(requestTimeout: 8, totalTimeout: 60))

    @Test(arguments: [(DemoHTTPMode.both, "/mcp"), (.both, "/sse"), (.sse, "/sse"), (.streamable, "/mcp")])
    func demoServerIsCrawledCompletely(mode: DemoHTTPMode, path: String) async throws {
        let server = try DemoHTTPServer(mode: mode, demo: DemoServer())
        defer { server.stop() }
        let options = testOptions("http://127.0.0.1:\(server.port)\(path)") { $0.bearerToken = "demo-secret-token" }
        let snapshot = await withHangGuard { await crawler.crawl(remote: options) }
        let s = try #require(snapshot)
        #expect(s.completeness == .complete, "\(String(describing: s.error))")
        #expect(s.definitions.tools.count == DemoServer().tools.count)  // all pages
        #expect(s.definitions.prompts.count == 2 && s.definitions.resources.count == 3)
        #expect(s.definitions.serverName == "acme-ops")
        #expect(s.anomalies.map(\.kind) == (path == "/sse" ? ["legacy-sse-transport"] : []))
        #expect(!s.target.contains("demo-secret-token") && s.target.contains("Authorization: ***"))
    }

    @Test func statelessServerIsDetectedFromTheInitialize400() async throws {
        let log = RequestLog()
        let server = try LoopbackHTTPServer { request, writer in
            log.add(request)
            guard request.method == "POST", let doc = try? JSONParser().parse(request.body) else { return writer.respond(status: 405) }
            let m = doc.value
            let id = m["id"] ?? .null
            func reply(_ r: JSONValue) {
                let envelope: JSONValue = ["jsonrpc": "2.0", "id": id, "result": r]
                writer.respond(status: 200, contentType: "application/json", text: envelope.compactText)
            }
            func notFound(_ id: JSONValue) -> JSONValue { ["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "Method not found"]] }
            switch m["method"]?.stringValue {
            case "initialize":
                writer.respond(status: 400, contentType: "application/json", text: #"{"jsonrpc":"2.0","id":1,"error":{"code":-32022,"message":"Unsupported protocol version","data":{"supported":["2026-07-28"],"requested":"2025-11-25"}}}"#)
            case "server/discover":
                reply(["resultType": "complete", "supportedVersions": ["2026-07-28"], "capabilities": ["tools": [:]],
                       "serverInfo": ["name": "stateless", "version": "2"], "ttlMs": 0, "cacheScope": "shared"])
            case "tools/list":
                reply(["resultType": "complete", "tools": [["name": "drop_table", "description": "Drops a table", "inputSchema": ["type": "object"]]],
                       "ttlMs": 0, "cacheScope": "shared"])
            default:
                writer.respond(status: 404, contentType: "application/json", text: notFound(id).compactText)
            }
        }
        defer { server.stop() }
        let snapshot = await withHangGuard { await crawler.crawl(remote: testOptions(server.url("/mcp"))) }
        let s = try #require(snapshot)
        #expect(s.completeness == .complete, "\(String(describing: s.error))")
        #expect(s.definitions.protocolVersion == "2026-07-28")
        #expect(s.definitions.tools.first?["name"]?.stringValue == "drop_table")
        let posts = log.all.filter { $0.method == "POST" }
        #expect(log.all.allSatisfy { $0.method == "POST" }, "no GET fallback and no DELETE for a stateless server")
        let discover = try #require(posts.first { $0.header("mcp-method") == "server/discover" })
        #expect(discover.header("mcp-protocol-version") == "2026-07-28")
        #expect(posts.contains { $0.header("mcp-method") == "tools/list" })
    }

    @Test func legacyStreamClosedMidSessionIsReported() async throws {
        let server = try LoopbackHTTPServer { request, writer in
            switch (request.method, request.path) {
            case ("GET", "/sse"):
                writer.startStream(headers: [("Content-Type", "text/event-stream")])
                writer.writeChunk("event: endpoint\ndata: /messages?sessionId=1\n\n")
                usleep(300_000)  // then the stream ends without an answer
            case ("POST", "/messages"): writer.respond(status: 202, contentType: "text/plain", text: "Accepted")
            default: writer.respond(status: 405)
            }
        }
        defer { server.stop() }
        let snapshot = await withHangGuard { await crawler.crawl(remote: testOptions(server.url("/sse"))) }
        let s = try #require(snapshot)
        #expect(s.completeness == .failed)
        #expect(s.error?.kind == "server-exited")
        #expect(s.error?.description.contains("closed the SSE stream") == true, "\(String(describing: s.error))")
    }

    @Test func authenticationFailureIsAFailedSnapshot() async throws {
        let server = try LoopbackHTTPServer { _, writer in
            writer.respond(status: 401, headers: [("WWW-Authenticate", #"Bearer realm="x""#)])
        }
        defer { server.stop() }
        let snapshot = await withHangGuard { await crawler.crawl(remote: testOptions(server.url("/mcp")) { $0.bearerToken = "never-shown-token" }) }
        let s = try #require(snapshot)
        #expect(s.completeness == .failed)
        #expect(s.error?.kind == "authentication-required")
        #expect(s.error?.description.contains("never-shown-token") == false)
    }

    @Test func unreachableServerIsAFailedSnapshot() async throws {
        let snapshot = await withHangGuard { await crawler.crawl(remote: testOptions("https://mcp.example.invalid/mcp")) }
        #expect(snapshot?.completeness == .failed)
        #expect(snapshot?.error?.kind == "connection-failed")
    }
}
