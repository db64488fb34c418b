import Foundation
import Testing
import JSON
import DemoServer
@testable import MCPClient

/// Records every request a loopback server saw.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [HTTPServerRequest] = []
    func add(_ r: HTTPServerRequest) { lock.lock(); entries.append(r); lock.unlock() }
    var all: [HTTPServerRequest] { lock.lock(); defer { lock.unlock() }; return entries }
}

/// The demo server behind a recording front server.
func recordedDemo(mode: DemoHTTPMode = .both, style: DemoHTTPResponseStyle = .sse) throws -> (LoopbackHTTPServer, DemoHTTPServer, RequestLog) {
    let demo = try DemoHTTPServer(mode: mode, style: style, handler: testRPCHandler)
    let log = RequestLog()
    let front = try LoopbackHTTPServer { request, writer in
        log.add(request)
        demo.handle(request, writer)
    }
    return (front, demo, log)
}

@Suite(.serialized) struct RemoteTransportTests {
    @Test(arguments: [DemoHTTPResponseStyle.sse, .json])
    func streamableHTTPCarriesASession(style: DemoHTTPResponseStyle) async throws {
        let (front, demo, log) = try recordedDemo(style: style)
        defer { front.stop(); demo.stop() }
        let options = testOptions(front.url("/mcp")) {
            $0.bearerToken = "tok-123456"
            $0.headers = [HeaderSpec(name: "X-Custom", value: "custom-value")]
        }
        let result = await withHangGuard { await connectAndRun(options) }
        let session = try #require(result?.success, "\(String(describing: result?.failure))")
        #expect(session.tools.first?["name"]?.stringValue == "delete_file")
        #expect(session.anomalies.isEmpty)

        let requests = log.all
        #expect(requests.map(\.method) == ["POST", "POST", "POST", "DELETE"])
        let initialize = requests[0]
        #expect(initialize.header("accept") == "application/json, text/event-stream")
        #expect(initialize.header("content-type") == "application/json")
        #expect(initialize.header("mcp-protocol-version") == nil)
        #expect(initialize.header("mcp-session-id") == nil)
        let sessionID = try #require(requests[1].header("mcp-session-id"))
        for later in requests.dropFirst() {
            #expect(later.header("mcp-session-id") == sessionID)
            #expect(later.header("mcp-protocol-version") == "2025-06-18")
        }
        for r in requests {
            #expect(r.header("authorization") == "Bearer tok-123456")
            #expect(r.header("x-custom") == "custom-value")
        }
    }

    @Test func fallsBackToLegacySSEOn405() async throws {
        let (front, demo, log) = try recordedDemo(mode: .sse)
        defer { front.stop(); demo.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(front.url("/sse"))) }
        let session = try #require(result?.success, "\(String(describing: result?.failure))")
        #expect(session.tools.count == 1)
        #expect(session.anomalies.map(\.kind) == ["legacy-sse-transport"])
        let requests = log.all.map { "\($0.method) \($0.path)" }
        #expect(requests.prefix(3) == ["POST /sse", "GET /sse", "POST /messages"])
    }

    @Test func aReaderWaitingDuringTheFallbackMovesToLegacy() async throws {
        let (front, demo, _) = try recordedDemo(mode: .sse)
        defer { front.stop(); demo.stop() }
        let outcome: Result<JSONValue, MCPError>? = await withHangGuard {
            do throws(MCPError) {
                let t = try await RemoteConnector.connect(testOptions(front.url("/sse")))
                let reader = Task { () throws(MCPError) -> [TransportEvent?] in [try await t.receive(), try await t.receive()] }
                try? await Task.sleep(nanoseconds: 50_000_000)  // the reader is waiting before anything is sent
                try await t.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["protocolVersion": "2025-11-25", "capabilities": [:], "clientInfo": ["name": "t", "version": "0"]]])
                let events: [TransportEvent?]
                switch await reader.result {
                case .success(let e): events = e
                case .failure(let e): await t.close(); return .failure((e as? MCPError) ?? .protocolViolation(step: "test", detail: "\(e)"))
                }
                await t.close()
                for case .message(let m, _)? in events { return .success(m) }
                return .failure(.protocolViolation(step: "test", detail: "no message in \(events)"))
            } catch { return .failure(error) }
        }
        let message = try #require(outcome?.success, "\(String(describing: outcome?.failure))")
        #expect(message["result"]?["serverInfo"]?["name"]?.stringValue == "http-test")
    }

    @Test func legacySSEWhenAskedFor() async throws {
        let (front, demo, log) = try recordedDemo(mode: .both)
        defer { front.stop(); demo.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(front.url("/sse")) { $0.transport = .legacySSE }) }
        let session = try #require(result?.success, "\(String(describing: result?.failure))")
        #expect(session.tools.count == 1)
        #expect(log.all.first.map { "\($0.method) \($0.path)" } == "GET /sse")
    }

    @Test func serverRequestOnTheStreamIsAnsweredBeforeTheResponse() async throws {
        let answered = DispatchSemaphore(value: 0)
        let demo = try DemoHTTPServer(mode: .streamable, handler: testRPCHandler)
        let server = try LoopbackHTTPServer { request, writer in
            guard request.method == "POST", let doc = try? JSONParser().parse(request.body) else { return demo.handle(request, writer) }
            if doc.value["id"]?.stringValue == "srv-ping" {  // our answer to the server's ping
                writer.respond(status: 202)
                answered.signal()
                return
            }
            guard doc.value["method"]?.stringValue == "tools/list" else { return demo.handle(request, writer) }
            writer.startStream(headers: [("Content-Type", "text/event-stream")])
            writer.writeChunk("id: 1\ndata:\n\n")  // a priming event with empty data
            writer.writeChunk("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"hi\"}}\n\n")
            writer.writeChunk("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\"srv-ping\",\"method\":\"ping\"}\n\n")
            guard answered.wait(timeout: .now() + 10) == .success else { return writer.finish() }
            writer.writeChunk("event: message\ndata: \(testRPCHandler(doc.value)!.compactText)\n\n")
            writer.waitForClientClose(timeout: 10)  // keeps the stream open: the client must stop on its own
        }
        defer { server.stop(); demo.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(server.url("/mcp"))) }
        let session = try #require(result?.success, "\(String(describing: result?.failure))")
        #expect(session.pingsAnswered == 1)
        #expect(session.tools.count == 1)
    }

    @Test func streamClosedAfterAnEventIDIsResumedWithLastEventID() async throws {
        let log = RequestLog()
        let demo = try DemoHTTPServer(mode: .streamable, handler: testRPCHandler)
        let server = try LoopbackHTTPServer { request, writer in
            log.add(request)
            if request.method == "GET", request.header("last-event-id") == "ev-1" {
                writer.startStream(headers: [("Content-Type", "text/event-stream")])
                let reply = testRPCHandler(["jsonrpc": "2.0", "id": 2, "method": "tools/list"])!
                writer.writeChunk("id: ev-2\nevent: message\ndata: \(reply.compactText)\n\n")
                return
            }
            guard request.method == "POST", let doc = try? JSONParser().parse(request.body),
                  doc.value["method"]?.stringValue == "tools/list" else { return demo.handle(request, writer) }
            writer.startStream(headers: [("Content-Type", "text/event-stream")])
            writer.writeChunk("id: ev-1\nretry: 50\ndata:\n\n")  // priming event, then the server closes (polling)
        }
        defer { server.stop(); demo.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(server.url("/mcp"))) }
        let session = try #require(result?.success, "\(String(describing: result?.failure))")
        #expect(session.tools.count == 1)
        let get = try #require(log.all.first { $0.method == "GET" })
        #expect(get.header("accept") == "text/event-stream")
        #expect(get.header("mcp-session-id") != nil)
        #expect(get.header("mcp-protocol-version") == "2025-06-18")
    }

    @Test func batchedAndJunkSSEEventsAreHandled() async throws {
        let demo = try DemoHTTPServer(mode: .streamable, handler: testRPCHandler)
        let server = try LoopbackHTTPServer { request, writer in
            guard request.method == "POST", let doc = try? JSONParser().parse(request.body),
                  doc.value["method"]?.stringValue == "tools/list" else { return demo.handle(request, writer) }
            writer.startStream(headers: [("Content-Type", "text/event-stream; charset=utf-8")])
            writer.writeChunk("event: message\ndata: {not json\n\nevent: other\ndata: ignored\n\n")
            let note: JSONValue = ["jsonrpc": "2.0", "method": "notifications/message", "params": [:]]
            let batch: JSONValue = [note, testRPCHandler(doc.value)!]
            writer.writeChunk("data: \(batch.compactText)\n\n")
        }
        defer { server.stop(); demo.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(server.url("/mcp"))) }
        let session = try #require(result?.success, "\(String(describing: result?.failure))")
        #expect(session.tools.count == 1)
        #expect(session.anomalies.map(\.kind) == ["invalid-sse-data"])
    }

    @Test func streamEndingWithoutAnswerOrEventIDFails() async throws {
        let demo = try DemoHTTPServer(mode: .streamable, handler: testRPCHandler)
        let server = try LoopbackHTTPServer { request, writer in
            guard request.method == "POST", let doc = try? JSONParser().parse(request.body),
                  doc.value["method"]?.stringValue == "tools/list" else { return demo.handle(request, writer) }
            writer.startStream(headers: [("Content-Type", "text/event-stream")])
            writer.writeChunk(": nothing to see\n\n")
        }
        defer { server.stop(); demo.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(server.url("/mcp"))) }
        #expect(result?.failure?.kind == "protocol-violation")
        #expect(result?.failure?.description.contains("ended before the response") == true)
    }

    @Test func modernErrorIn400IsDeliveredNotFallenBackFrom() async throws {
        let log = RequestLog()
        let server = try LoopbackHTTPServer { request, writer in
            log.add(request)
            guard let doc = try? JSONParser().parse(request.body) else { return writer.respond(status: 405) }
            if doc.value["method"]?.stringValue == "initialize" {
                let body = #"{"jsonrpc":"2.0","error":{"code":-32022,"message":"Unsupported protocol version","data":{"supported":["2026-07-28"],"requested":"2025-11-25"}}}"#
                return writer.respond(status: 400, contentType: "application/json", text: body)
            }
            let id = doc.value["id"] ?? .null
            let reply: JSONValue = ["jsonrpc": "2.0", "id": id, "result": ["resultType": "complete", "tools": [], "ttlMs": 0, "cacheScope": "shared"]]
            writer.respond(status: 200, contentType: "application/json", text: reply.compactText)
        }
        defer { server.stop() }
        let outcome: Result<JSONValue, MCPError>? = await withHangGuard {
            do throws(MCPError) {
                let t = try await RemoteConnector.connect(testOptions(server.url("/mcp")))
                defer { Task { await t.close() } }
                try await t.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["protocolVersion": "2025-11-25", "capabilities": [:], "clientInfo": ["name": "t", "version": "0"]]])
                guard case .message(let rejected, _)? = try await t.receive() else { return .failure(.protocolViolation(step: "t", detail: "no message")) }
                #expect(rejected["id"]?.intValue == 1)  // the id-less error body is tied to the request
                #expect(rejected["error"]?["code"]?.intValue == -32022)
                let meta: JSONValue = ["io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": [:]]
                try await t.send(["jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": ["_meta": meta]])
                guard case .message(let listed, _)? = try await t.receive() else { return .failure(.protocolViolation(step: "t", detail: "no message")) }
                return .success(listed)
            } catch { return .failure(error) }
        }
        let listed = try #require(outcome?.success, "\(String(describing: outcome?.failure))")
        #expect(listed["result"]?["resultType"]?.stringValue == "complete")
        let requests = log.all
        #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/mcp" }, "no GET fallback for a modern server")
        #expect(requests.last?.header("mcp-protocol-version") == "2026-07-28")
        #expect(requests.last?.header("mcp-method") == "tools/list")
    }
}

@Suite struct RemoteDemoServerTests {
    @Test(arguments: [(DemoHTTPMode.streamable, "/mcp"), (.sse, "/sse"), (.both, "/mcp"), (.both, "/sse")])
    func demoContentOverHTTP(mode: DemoHTTPMode, path: String) async throws {
        let server = try DemoHTTPServer(mode: mode, demo: DemoServer())
        defer { server.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions("http://127.0.0.1:\(server.port)\(path)")) }
        let session = try #require(result?.success, "\(String(describing: result?.failure))")
        #expect(session.initialize?["result"]?["serverInfo"]?["name"]?.stringValue == "acme-ops")
        #expect(session.tools.count == DemoServer.pageSize)
        #expect(session.anomalies.map(\.kind) == (path == "/sse" ? ["legacy-sse-transport"] : []))
    }
}
