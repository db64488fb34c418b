import Foundation
import Testing
import JSON
import DemoServer
@testable import MCPClient

/// A small MCP server answer function for HTTP tests (the real demo content lives in DemoServer).
let testRPCHandler: DemoHTTPServer.RPCHandler = { message in
    guard let id = message["id"], let method = message["method"]?.stringValue else { return nil }
    func result(_ r: JSONValue) -> JSONValue { ["jsonrpc": "2.0", "id": id, "result": r] }
    switch method {
    case "initialize":
        return result(["protocolVersion": "2025-06-18", "capabilities": ["tools": [:]],
                       "serverInfo": ["name": "http-test", "version": "1.0"]])
    case "tools/list":
        return result(["tools": [["name": "delete_file", "description": "Deletes a file", "inputSchema": ["type": "object"]]]])
    case "ping":
        return result([:])
    default:
        return nil
    }
}

/// What a minimal initialize-era session over a transport read.
struct MiniSessionResult {
    var initialize: JSONValue?
    var tools: [JSONValue] = []
    var anomalies: [Anomaly] = []
    var pingsAnswered = 0
}

/// Drives initialize → initialized → tools/list over any transport, answering pings, without the
/// Crawler (which lives on another branch): enough to prove the transports carry a session.
func runMiniSession(_ transport: any MessageTransport) async throws(MCPError) -> MiniSessionResult {
    var out = MiniSessionResult()
    func response(to id: Int) async throws(MCPError) -> JSONValue {
        while true {
            guard let event = try await transport.receive() else {
                throw .protocolViolation(step: "test", detail: "channel closed while waiting for \(id)")
            }
            switch event {
            case .anomaly(let a): out.anomalies.append(a)
            case .oversized(let limit): throw .limitExceeded(step: "test", detail: "a message longer than \(limit) bytes")
            case .message(let m, _):
                if m["method"]?.stringValue == "ping", let pid = m["id"] {
                    try await transport.send(["jsonrpc": "2.0", "id": pid, "result": [:]])
                    out.pingsAnswered += 1
                } else if m["id"]?.intValue == id, m["method"] == nil {
                    return m
                }
            }
        }
    }
    try await transport.send(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": ["protocolVersion": "2025-11-25", "capabilities": [:],
                                         "clientInfo": ["name": "mcprisk-test", "version": "0"]]])
    let initialize = try await response(to: 1)
    out.initialize = initialize
    if let error = initialize["error"] {
        throw .serverError(step: "initialize", code: error["code"]?.intValue ?? 0, message: error["message"]?.stringValue ?? "")
    }
    try await transport.send(["jsonrpc": "2.0", "method": "notifications/initialized"])
    try await transport.send(["jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": [:]])
    let list = try await response(to: 2)
    out.tools = list["result"]?["tools"]?.arrayValue ?? []
    return out
}

/// Runs `body` and fails the test if it takes longer than `seconds` (a hang guard, not a speed test).
func withHangGuard<T: Sendable>(_ seconds: Double = 60, _ body: @escaping @Sendable () async -> T) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await body() }
        group.addTask { try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9)); return nil }
        let first = await group.next() ?? nil
        group.cancelAll()
        if first == nil { Issue.record("did not finish within \(seconds) s") }
        return first
    }
}

/// Connects to `url` with `options` tweaks, runs the mini session, always closes.
func connectAndRun(_ options: RemoteOptions) async -> Result<MiniSessionResult, MCPError> {
    let transport: any MessageTransport
    do { transport = try await RemoteConnector.connect(options) } catch { return .failure(error) }
    let result: Result<MiniSessionResult, MCPError>
    do { result = .success(try await runMiniSession(transport)) } catch { result = .failure(error) }
    await transport.close()
    return result
}

/// Options for a loopback URL with short, test-friendly limits.
func testOptions(_ url: String, _ tweak: (inout RemoteOptions) -> Void = { _ in }) -> RemoteOptions {
    var o = RemoteOptions(url: URL(string: url)!, connectTimeout: 5, requestTimeout: 8)
    tweak(&o)
    return o
}

extension Result {
    var failure: Failure? { if case .failure(let e) = self { return e } else { return nil } }
    var success: Success? { if case .success(let s) = self { return s } else { return nil } }
}
