import Foundation
import Testing
import JSON
import DemoServer
import TestSupport
@testable import MCPClient

/// A server script on the official Python SDK (`mcp`, FastMCP / MCPServer) from the repo's `.venv`,
/// bound to 127.0.0.1. `MCPRISK_TEST_PYTHON` may name another interpreter (e.g. one with `mcp<2`).
final class PythonMCPServer: @unchecked Sendable {
    static var python: String {
        ProcessInfo.processInfo.environment["MCPRISK_TEST_PYTHON"] ?? RepoPaths.file(".venv/bin/python").path
    }
    static var available: Bool { FileManager.default.isExecutableFile(atPath: python) }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }
    /// The major version of the installed `mcp` package (0 when it cannot be told).
    static let sdkMajor: Int = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import importlib.metadata as m; print(m.version('mcp'))"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return 0 }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return Int(text.split(separator: ".").first ?? "") ?? 0
    }()
    static var script: String { RepoPaths.file("Tests/MCPClientTests/Python/fastmcp_server.py").path }

    let process = Process()
    let port: UInt16
    private let stderr = Pipe()

    /// HTTPS when `tls` names a certificate and its key.
    let scheme: String

    init(transport: String, token: String? = nil, tls: (certificate: String, key: String)? = nil) throws {
        let probe = try LoopbackHTTPServer { _, w in w.respond(status: 404) }
        port = probe.port
        probe.stop()
        scheme = tls == nil ? "http" : "https"
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.script, "--transport", transport, "--port", String(port)] + (token.map { ["--token", $0] } ?? [])
            + (tls.map { ["--tls", $0.certificate, $0.key] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        // Drain stderr so the server never blocks on a full pipe.
        stderr.fileHandleForReading.readabilityHandler = { h in _ = h.availableData }
    }

    /// Waits until the port accepts connections (the SDK takes a few seconds to import).
    func waitUntilListening(timeout: Double = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, process.isRunning {
            if Self.canConnect(port) { return true }
            try? await Task.sleep(nanoseconds: 200_000_000)
        }
        return false
    }

    func stop() {
        stderr.fileHandleForReading.readabilityHandler = nil
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    func url(_ path: String) -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }

    private static func canConnect(_ port: UInt16) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        #if canImport(Darwin)
        addr.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

private let pythonTrait = Testing.ConditionTrait.enabled(
    if: PythonMCPServer.available || PythonMCPServer.isCI,
    "needs .venv with the Python MCP SDK: python3 -m venv .venv && .venv/bin/pip install mcp")

/// Starts a Python server, or records why not (a missing .venv fails under CI).
private func startPython(_ transport: String, token: String? = nil, tls: (certificate: String, key: String)? = nil) async throws -> PythonMCPServer? {
    guard PythonMCPServer.available else {
        Issue.record("CI is set but \(PythonMCPServer.python) is missing: .ci/run must create .venv and install mcp")
        return nil
    }
    let server = try PythonMCPServer(transport: transport, token: token, tls: tls)
    guard await server.waitUntilListening() else {
        server.stop()
        Issue.record("the Python \(transport) server did not start listening on \(server.port)")
        return nil
    }
    return server
}

private func toolNames(_ r: MiniSessionResult?) -> [String] { (r?.tools ?? []).compactMap { $0["name"]?.stringValue }.sorted() }

@Suite(.serialized, pythonTrait) struct RemotePythonServerTests {
    @Test func streamableHTTPServer() async throws {
        guard let py = try await startPython("streamable-http") else { return }
        defer { py.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(py.url("/mcp")) { $0.requestTimeout = 20; $0.connectTimeout = 15 }) }
        #expect(result?.failure == nil, "\(String(describing: result?.failure))")
        #expect(toolNames(result?.success) == ["delete_records", "read_file"])
        #expect(result?.success?.initialize?["result"]?["serverInfo"]?["name"]?.stringValue == "python-fixture")
        #expect(result?.success?.anomalies.isEmpty == true)
        try await crawlsCompletely(py.url("/mcp"), anomalies: [])
    }

    /// `https://` through libcurl (loaded on first use): a self-signed certificate made for this run is
    /// refused as untrusted, then trusted through `SSL_CERT_FILE`, and the whole server is read over TLS.
    @Test func streamableHTTPServerOverTLS() async throws {
        guard PythonMCPServer.sdkMajor >= 2 else { return }  // --tls serves through uvicorn as mcp 2.x does
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (certificate, key) = (dir.appendingPathComponent("cert.pem").path, dir.appendingPathComponent("key.pem").path)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl could not make a certificate (.ci/run installs openssl)")
        guard let py = try await startPython("streamable-http", tls: (certificate, key)) else { return }
        defer { py.stop() }
        #expect(py.url("/mcp").hasPrefix("https://"))

        unsetenv("SSL_CERT_FILE")
        let refused = await withHangGuard { await connectAndRun(testOptions(py.url("/mcp")) { $0.requestTimeout = 20; $0.connectTimeout = 15 }) }
        #expect(refused?.failure?.kind == "connection-failed")
        #expect(refused?.failure?.description.contains("TLS handshake with 127.0.0.1") == true, "\(String(describing: refused?.failure))")

        setenv("SSL_CERT_FILE", certificate, 1)
        defer { unsetenv("SSL_CERT_FILE") }
        let result = await withHangGuard { await connectAndRun(testOptions(py.url("/mcp")) { $0.requestTimeout = 20; $0.connectTimeout = 15 }) }
        #expect(result?.failure == nil, "\(String(describing: result?.failure))")
        #expect(toolNames(result?.success) == ["delete_records", "read_file"])
        try await crawlsCompletely(py.url("/mcp"), anomalies: [])
    }

    @Test func legacySSEServerViaFallback() async throws {
        guard let py = try await startPython("sse") else { return }
        defer { py.stop() }
        let result = await withHangGuard { await connectAndRun(testOptions(py.url("/sse")) { $0.requestTimeout = 20; $0.connectTimeout = 15 }) }
        #expect(result?.failure == nil, "\(String(describing: result?.failure))")
        #expect(toolNames(result?.success) == ["delete_records", "read_file"])
        #expect(result?.success?.anomalies.map(\.kind) == ["legacy-sse-transport"])
        try await crawlsCompletely(py.url("/sse"), anomalies: ["legacy-sse-transport"])
    }

    /// The Crawler reads tools, prompts and resources from the server.
    private func crawlsCompletely(_ url: String, anomalies: [String]) async throws {
        let options = testOptions(url) { $0.requestTimeout = 20; $0.connectTimeout = 15 }
        let snapshot = await withHangGuard { await Crawler(options: CrawlOptions(requestTimeout: 20, totalTimeout: 60)).crawl(remote: options) }
        let s = try #require(snapshot)
        #expect(s.completeness == .complete, "\(String(describing: s.error))")
        #expect(s.definitions.tools.compactMap { $0["name"]?.stringValue }.sorted() == ["delete_records", "read_file"])
        #expect(s.definitions.prompts.count == 1 && s.definitions.resources.count == 1)
        #expect(s.definitions.instructions == "A fixture server for mcprisk tests.")
        #expect(s.anomalies.map(\.kind) == anomalies)
    }

    /// mcp 2.x serves the stateless 2026-07-28 revision beside the old one: our modern requests, with
    /// their `MCP-Protocol-Version`/`Mcp-Method` headers, must satisfy the reference implementation.
    @Test func statelessRequestsAreAcceptedByTheReferenceServer() async throws {
        guard PythonMCPServer.sdkMajor >= 2 else { return }  // mcp 1.x predates 2026-07-28
        guard let py = try await startPython("streamable-http") else { return }
        defer { py.stop() }
        let meta: JSONValue = ["io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": [:],
                               "io.modelcontextprotocol/clientInfo": ["name": "mcprisk-test", "version": "0"]]
        let outcome: Result<[JSONValue], MCPError>? = await withHangGuard {
            let t = StreamableHTTPTransport(options: testOptions(py.url("/mcp")) { $0.requestTimeout = 20; $0.connectTimeout = 15 })
            var answers: [JSONValue] = []
            do throws(MCPError) {
                for (id, method) in [(1, "server/discover"), (2, "tools/list")] {
                    try await t.send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": ["_meta": meta]])
                    while true {
                        guard case .message(let m, _)? = try await t.receive() else { continue }
                        if m["id"]?.intValue == id { answers.append(m); break }
                    }
                }
                await t.close()
                return .success(answers)
            } catch { await t.close(); return .failure(error) }
        }
        let answers = try #require(outcome?.success, "\(String(describing: outcome?.failure))")
        let supported = answers[0]["result"]?["supportedVersions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(supported.contains("2026-07-28"), "\(answers[0].compactText)")
        #expect(answers[1]["result"]?["resultType"]?.stringValue == "complete", "\(answers[1].compactText)")
        #expect(answers[1]["result"]?["tools"]?.arrayValue?.count == 2)
    }

    @Test(arguments: ["streamable-http", "sse"])
    func bearerTokenServer(transport: String) async throws {
        guard let py = try await startPython(transport, token: "py-secret-token-1") else { return }
        defer { py.stop() }
        let url = py.url(transport == "sse" ? "/sse" : "/mcp")
        let refused = await withHangGuard { await connectAndRun(testOptions(url) { $0.requestTimeout = 20; $0.connectTimeout = 15 }) }
        guard case .authenticationRequired(let status, let detail)? = refused?.failure else {
            Issue.record("expected authentication-required, got \(String(describing: refused))"); return
        }
        #expect(status == 401)
        #expect(detail.contains("scheme Bearer"), "\(detail)")
        #expect(detail.contains("/.well-known/oauth-protected-resource"), "\(detail)")
        #expect(detail.contains("authorization servers https://auth.example.com"), "\(detail)")
        #expect(detail.contains("no credentials were sent"))

        let wrong = await withHangGuard { await connectAndRun(testOptions(url) { $0.bearerToken = "not-the-token" }) }
        #expect(wrong?.failure?.kind == "authentication-required")
        #expect(wrong?.failure?.description.contains("not-the-token") == false)

        let accepted = await withHangGuard {
            await connectAndRun(testOptions(url) { $0.requestTimeout = 20; $0.headers = [HeaderSpec(name: "Authorization", value: "Bearer py-secret-token-1")] })
        }
        #expect(accepted?.failure == nil, "\(String(describing: accepted?.failure))")
        #expect(toolNames(accepted?.success) == ["delete_records", "read_file"])
    }
}
