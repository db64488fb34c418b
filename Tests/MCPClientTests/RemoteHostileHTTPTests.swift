import Foundation
import Testing
import JSON
import DemoServer
@testable import MCPClient

/// One loopback server with a route per hostile behaviour.
private func hostileServer(log: RequestLog = RequestLog()) throws -> LoopbackHTTPServer {
    let demo = try DemoHTTPServer(mode: .streamable, handler: testRPCHandler)
    let portBox = PortBox()
    let server = try LoopbackHTTPServer { request, writer in
        log.add(request)
        let sse = [("Content-Type", "text/event-stream")]
        switch request.path {
        case "/stall":
            writer.startStream(headers: sse)
            writer.writeChunk("event: message\ndata: {\"jsonrpc\":\"2.0\",")
            writer.waitForClientClose(timeout: 60)
        case "/endless":
            writer.startStream(headers: sse)
            let end = Date().addingTimeInterval(120)
            var n = 0
            while Date() < end {
                n += 1
                let note = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\(n)}}\n\n"
                guard writer.writeChunk(": keep-alive\n\n" + note) else { return }
                usleep(20_000)
            }
        case "/html500":
            writer.respond(status: 500, contentType: "text/html; charset=utf-8",
                           text: "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><h1>Upstream exploded</h1><p>nginx/1.25</p></body></html>")
        case "/huge", "/huge-declared":
            // 200 MB of JSON whitespace, streamed (never allocated): chunked, or with its Content-Length declared.
            let total = 200 << 20
            let block = [UInt8](repeating: UInt8(ascii: " "), count: 64 << 10)
            var sent = 0
            if request.path == "/huge" {
                writer.startStream(headers: [("Content-Type", "application/json")])
                while sent < total, writer.writeChunk(block) { sent += block.count }
            } else {
                _ = writer.writeRaw(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(total)\r\nConnection: close\r\n\r\n".utf8))
                while sent < total, writer.writeRaw(block) { sent += block.count }
            }
        case "/loop":
            writer.respond(status: 302, headers: [("Location", "/loop")])
        case "/hop":
            writer.respond(status: 307, headers: [("Location", "/mcp")])
        case "/offsite":
            writer.respond(status: 307, headers: [("Location", "http://127.0.0.2:\(portBox.port)/mcp?token=abcdef")])
        case "/auth":
            writer.respond(status: 401, headers: [
                ("WWW-Authenticate", #"Bearer realm="demo", error="invalid_token", resource_metadata="http://127.0.0.1:\#(portBox.port)/.well-known/oauth-protected-resource", scope="mcp:read""#),
                ("Content-Type", "application/json")], body: Array(#"{"error":"invalid_token"}"#.utf8))
        case "/.well-known/oauth-protected-resource":
            writer.respond(status: 200, contentType: "application/json", text: """
                {"resource":"http://127.0.0.1:\(portBox.port)/auth","authorization_servers":["https://auth.example.com"],
                 "scopes_supported":["mcp:read","mcp:write"],"bearer_methods_supported":["header"]}
                """)
        case "/silent":
            writer.waitForClientClose(timeout: 60)  // accepts, reads the request, never answers
            writer.respond(status: 500)
        case "/sse-no-endpoint", "/sse-foreign-endpoint":
            guard request.method == "GET" else { return writer.respond(status: 405) }
            writer.startStream(headers: sse)
            if request.path == "/sse-foreign-endpoint" {
                writer.writeChunk("event: endpoint\ndata: http://127.0.0.2:\(portBox.port)/messages?sessionId=s3cr3tsession\n\n")
            }
            while writer.writeChunk(": keep-alive\n\n") { usleep(200_000) }
        case "/scope":
            writer.respond(status: 403, headers: [("WWW-Authenticate", #"Bearer error="insufficient_scope", scope="admin""#)])
        case "/origin-guard":
            writer.respond(status: 403, contentType: "application/json",
                           text: #"{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Invalid Host header: evil.example"}}"#)
        case "/plain":
            writer.respond(status: 200, contentType: "text/plain", text: "hello, I am not an MCP server\n")
        default:
            demo.handle(request, writer)
        }
    }
    portBox.port = server.port
    return server
}

private final class PortBox: @unchecked Sendable { var port: UInt16 = 0 }

/// Runs a mini session against `path` and returns the error it must end with.
private func failure(_ url: String, _ tweak: @escaping @Sendable (inout RemoteOptions) -> Void = { _ in }) async -> MCPError? {
    let result = await withHangGuard(60) { await connectAndRun(testOptions(url, tweak)) }
    guard let result else { return nil }
    if case .success = result { Issue.record("expected \(url) to fail") }
    return result.failure
}

@Suite(.serialized) struct RemoteHostileHTTPTests {
    @Test func stallMidStreamTimesOut() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure(s.url("/stall")) { $0.requestTimeout = 2 }
        #expect(error?.kind == "timeout")
        #expect(error?.description.contains("POST initialize") == true)
    }

    @Test func neverEndingSSEStreamTimesOut() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure(s.url("/endless")) { $0.requestTimeout = 2 }
        #expect(error?.kind == "timeout")
        #expect(error?.description.contains("SSE stream") == true)
    }

    @Test func serverThatNeverAnswersHitsTheConnectTimeout() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure(s.url("/silent")) { $0.connectTimeout = 2 }
        #expect(error?.kind == "timeout")
        #expect(error?.description.contains("waiting for the response head") == true)
    }

    @Test func legacyStreamWithoutEndpointTimesOut() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure(s.url("/sse-no-endpoint")) { $0.connectTimeout = 2 }
        #expect(error?.kind == "http-error")  // auto mode: the POST got 405, the fallback found no endpoint
        #expect(error?.description.contains("waiting for the endpoint event") == true, "\(String(describing: error))")
    }

    @Test func legacyEndpointOnAnotherOriginIsRefused() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure(s.url("/sse-foreign-endpoint")) { $0.transport = .legacySSE }
        #expect(error?.kind == "protocol-violation")
        #expect(error?.description.contains("different origin") == true)
        #expect(error?.description.contains("s3cr3tsession") == false, "the session id in the endpoint is redacted")
    }

    @Test func htmlErrorPageIsQuoted() async throws {
        let log = RequestLog()
        let s = try hostileServer(log: log); defer { s.stop() }
        let error = await failure(s.url("/html500"))
        guard case .httpError(let status, let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(status == 500)
        #expect(detail.contains("text/html"))
        #expect(detail.contains("502 Bad Gateway"))
        #expect(detail.contains("Upstream exploded"))
        #expect(!detail.contains("<h1>") && !detail.contains("color:red"))
        #expect(log.all.count == 1, "a 500 never triggers the SSE fallback")
    }

    @Test(arguments: ["/huge", "/huge-declared"])
    func hugeBodyIsCutAtTheLimit(path: String) async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure(s.url(path)) { $0.requestTimeout = 30 }
        #expect(error?.kind == "limit-exceeded")
        #expect(error?.description.contains("32 MiB") == true, "\(String(describing: error))")
    }

    @Test func redirectLoopIsBounded() async throws {
        let log = RequestLog()
        let s = try hostileServer(log: log); defer { s.stop() }
        let error = await failure(s.url("/loop"))
        #expect(error?.kind == "http-error")
        #expect(error?.description.contains("more than 5 redirects") == true)
        #expect(log.all.filter { $0.path == "/loop" }.count <= 7)
    }

    @Test func sameOriginRedirectIsFollowedOthersAreReported() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let ok = await withHangGuard { await connectAndRun(testOptions(s.url("/hop"))) }
        #expect(ok?.success?.tools.count == 1, "\(String(describing: ok?.failure))")
        let error = await failure(s.url("/offsite"))
        #expect(error?.kind == "http-error")
        #expect(error?.description.contains("different scheme, host or port") == true)
        #expect(error?.description.contains("abcdef") == false, "the query secret is redacted")
    }

    @Test func authRequiredReportsChallengeAndMetadataWithoutFallback() async throws {
        let log = RequestLog()
        let s = try hostileServer(log: log); defer { s.stop() }
        let error = await failure(s.url("/auth")) { $0.bearerToken = "wrong-token-value" }
        guard case .authenticationRequired(let status, let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(status == 401)
        for part in ["scheme Bearer", "realm \"demo\"", "scope \"mcp:read\"", "error \"invalid_token\"",
                     "/.well-known/oauth-protected-resource", "authorization servers https://auth.example.com",
                     "scopes supported mcp:read mcp:write", "credentials were sent and refused"] {
            #expect(detail.contains(part), "missing \(part) in \(detail)")
        }
        #expect(!detail.contains("wrong-token-value"))
        let paths = log.all.map { "\($0.method) \($0.path)" }
        #expect(paths == ["POST /auth", "GET /.well-known/oauth-protected-resource"], "no SSE fallback on 401")
        #expect(log.all[1].header("authorization") == nil, "metadata is fetched without credentials")
    }

    @Test func forbiddenIsAuthUnlessItIsTheOriginGuard() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let scope = await failure(s.url("/scope"))
        guard case .authenticationRequired(403, let detail)? = scope else { Issue.record("got \(String(describing: scope))"); return }
        #expect(detail.contains("error \"insufficient_scope\"") && detail.contains("scope \"admin\""))
        let guardError = await failure(s.url("/origin-guard"))
        #expect(guardError?.kind == "server-error")  // the JSON-RPC error body answers the request
        #expect(guardError?.description.contains("Invalid Host header") == true)
    }

    @Test func wrongContentTypeIsNotMCP() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure(s.url("/plain"))
        #expect(error?.kind == "http-error")
        #expect(error?.description.contains("text/plain") == true)
        #expect(error?.description.contains("not an MCP server") == true)
    }

    @Test func connectionRefused() async throws {
        let s = try LoopbackHTTPServer { _, w in w.respond(status: 200) }
        let port = s.port
        s.stop()
        let error = await failure("http://127.0.0.1:\(port)/mcp")
        #expect(error?.kind == "connection-failed")
        #expect(error?.description.contains("could not connect") == true)
    }

    @Test func dnsFailureForInvalidName() async throws {
        let error = await failure("https://mcp.example.invalid/mcp")
        #expect(error?.kind == "connection-failed")
        #expect(error?.description.contains("DNS lookup failed") == true)
    }

    @Test func tlsToAPlainHTTPPortFails() async throws {
        let s = try hostileServer(); defer { s.stop() }
        let error = await failure("https://127.0.0.1:\(s.port)/mcp")
        #expect(error?.kind == "connection-failed")
        #expect(error?.description.contains("TLS") == true, "\(String(describing: error))")
    }
}
