import Foundation
import JSON
import Scanner
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Untrusted stdio servers run without network access unless the user asks for it.
struct NetworkIsolationTests {
    /// A tiny MCP server that tries to reach the test's port and names the result in serverInfo.name.
    static let probeServer = #"""
    import json, os, socket, sys
    try:
        socket.create_connection(("127.0.0.1", int(os.environ["PROBE_PORT"])), timeout=2).close()
        verdict = "net-reachable"
    except OSError:
        verdict = "net-blocked"
    for line in sys.stdin:
        m = json.loads(line)
        if "id" not in m:
            continue
        if m["method"] == "initialize":
            result = {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}}, "serverInfo": {"name": verdict, "version": "1"}}
        else:
            result = {"tools": []}
        print(json.dumps({"jsonrpc": "2.0", "id": m["id"], "result": result}), flush=True)
    """#

    /// A listening loopback socket in the test's own network namespace; returns (fd, port).
    static func listen() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        try #require(bound == 0 && Glibc.listen(fd, 8) == 0)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }

    func verdict(allowNetwork: Bool) throws -> String? {
        let binary = try #require(BuiltProducts.path(of: "mcprisk"))
        let (fd, port) = try Self.listen()
        defer { close(fd) }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).py")
        try Self.probeServer.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let run = try CommandRun.run(binary, ["scan", "--format", "json", "--env", "PROBE_PORT=\(port)"]
                                     + (allowNetwork ? ["--allow-network"] : []) + ["--", "python3", script.path])
        #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
        return try JSONValue(parsing: run.stdout)["servers"]?[0]?["name"]?.stringValue
    }

    @Test(.enabled(if: NetworkIsolation.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                   "needs Linux user namespaces and util-linux unshare (always run under CI)"))
    func serversRunWithoutNetworkByDefault() throws {
        #expect(try verdict(allowNetwork: false) == "net-blocked")
    }

    @Test func allowNetworkLetsTheServerReachTheNetwork() throws {
        #expect(try verdict(allowNetwork: true) == "net-reachable")
    }
}
