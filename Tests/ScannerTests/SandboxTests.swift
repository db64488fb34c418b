import Foundation
import JSON
import Scanner
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Untrusted stdio servers run in a sandbox: no network, a read-only file system, secret places
/// hidden, a private HOME, TMPDIR and working directory; each --allow-* option lifts one part.
/// A real server (a Python script) tries everything and reports what worked in its instructions.
@Suite(.serialized, .enabled(if: Sandbox.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                             "needs Linux user namespaces and util-linux unshare (always run under CI)"))
struct SandboxTests {
    /// A tiny MCP server that tries to read, write, connect and unmount, and puts what happened (as a
    /// JSON object) in its instructions.
    static let probeServer = #"""
    import ctypes, json, os, socket, sys
    def attempt(action):
        try:
            result = action()
            return "ok" if result is None else result
        except OSError as e:
            return "denied: " + (e.strerror or str(e))
    def write(path):
        def action():
            with open(path, "w") as f:
                f.write("written by the probe")
        return action
    def unmount(path):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.umount2(path.encode(), 2) != 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    e = os.environ
    checks = {"home": e.get("HOME"), "cwd": os.getcwd()}
    checks["readKey"] = attempt(lambda: open(e["PROBE_KEY"]).read().strip())
    checks["readConfig"] = attempt(lambda: open(e["PROBE_CONFIG"]).read().strip())
    checks["readNetrc"] = attempt(lambda: open(e["PROBE_NETRC"]).read().strip())
    checks["unmountSsh"] = attempt(lambda: unmount(os.path.dirname(e["PROBE_KEY"])))
    checks["readKeyAgain"] = attempt(lambda: open(e["PROBE_KEY"]).read().strip())
    checks["writeOutside"] = attempt(write(os.path.join(e["PROBE_OUTSIDE"], "from-server")))
    checks["writeRealHome"] = attempt(write(os.path.join(os.path.dirname(os.path.dirname(e["PROBE_KEY"])), "from-server")))
    checks["writeHome"] = attempt(write(os.path.join(e["HOME"], "from-server")))
    checks["writeTmpdir"] = attempt(write(os.path.join(e["TMPDIR"], "from-server"))) if "TMPDIR" in e else "no TMPDIR"
    checks["writeCwd"] = attempt(write("from-server"))
    checks["readCwd"] = attempt(lambda: open("project-file").read().strip())
    checks["network"] = attempt(lambda: socket.create_connection(("127.0.0.1", int(e["PROBE_PORT"])), timeout=2).close())
    for line in sys.stdin:
        m = json.loads(line)
        if "id" not in m:
            continue
        if m["method"] == "initialize":
            result = {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}},
                      "serverInfo": {"name": "probe", "version": "1"}, "instructions": json.dumps(checks)}
        else:
            result = {"tools": []}
        print(json.dumps({"jsonrpc": "2.0", "id": m["id"], "result": result}), flush=True)
    """#

    /// A home with a planted key, `.netrc` and client config, a project folder, a folder outside both,
    /// and a loopback listener in the test's own network namespace.
    final class Scene {
        let root: URL
        var home: URL { root.appendingPathComponent("home") }
        var project: URL { root.appendingPathComponent("project") }
        var outside: URL { root.appendingPathComponent("outside") }
        var key: URL { home.appendingPathComponent(".ssh/id_ed25519") }
        var config: URL { home.appendingPathComponent(".cursor/mcp.json") }
        var netrc: URL { home.appendingPathComponent(".netrc") }
        var script: URL { root.appendingPathComponent("probe.py") }
        let listener: Int32
        let port: Int

        init() throws {
            root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mcprisk-sandbox-test-\(UUID().uuidString)")
            (listener, port) = try SandboxTests.listen()
            let fm = FileManager.default
            for dir in [home.appendingPathComponent(".ssh"), home.appendingPathComponent(".cursor"), project, outside] {
                try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            }
            try "PLANTED-PRIVATE-KEY".write(to: key, atomically: true, encoding: .utf8)
            try #"{"mcpServers": {"x": {"url": "https://example.invalid", "headers": {"Authorization": "Bearer PLANTED-TOKEN"}}}}"#
                .write(to: config, atomically: true, encoding: .utf8)
            try "machine example.invalid login me password PLANTED-PASSWORD".write(to: netrc, atomically: true, encoding: .utf8)
            try "PROJECT-CONTENT".write(to: project.appendingPathComponent("project-file"), atomically: true, encoding: .utf8)
            try SandboxTests.probeServer.write(to: script, atomically: true, encoding: .utf8)
        }

        deinit {
            close(listener)
            try? FileManager.default.removeItem(at: root)
        }

        /// Files the server left on the host under `dir`.
        func leftovers(in dir: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0 == "from-server" }
        }

        /// Scans the probe with `options`; returns what it reported.
        func probe(_ options: [String]) throws -> [String: String] {
            let binary = try #require(BuiltProducts.path(of: "mcprisk"))
            var environment = ProcessInfo.processInfo.environment
            environment["HOME"] = home.path
            let probeVariables = ["PROBE_KEY": key.path, "PROBE_CONFIG": config.path, "PROBE_NETRC": netrc.path,
                                  "PROBE_OUTSIDE": outside.path, "PROBE_PORT": String(port)]
            let run = try CommandRun.run(binary, ["scan", "--format", "json"] + probeVariables.sorted { $0.key < $1.key }.flatMap { ["--env", "\($0.key)=\($0.value)"] }
                                         + options + ["--", "python3", script.path], environment: environment, directory: project.path)
            #expect(ReportSchema.problems(in: run.stdout) == [])
            let server = try #require(try JSONValue(parsing: run.stdout)["servers"]?[0], "\(run.stderr)")
            #expect(server["status"] == "complete", "\(server["error"].map { JSONWriter.compact.string($0) } ?? "")")
            let instructions = try #require(server["instructions"]?.stringValue)
            let checks = try #require(try JSONValue(parsing: instructions).objectValue)
            return Dictionary(uniqueKeysWithValues: checks.members.map { ($0.key, $0.value.stringValue ?? "") })
        }
    }

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

    @Test func aServerCannotReadSecretsWriteOutsideItsTemporaryDirectoriesOrReachTheNetwork() throws {
        let scene = try Scene()
        let checks = try scene.probe([])
        #expect(checks["readKey"]?.hasPrefix("denied") == true, "\(checks)")
        #expect(checks["readConfig"]?.hasPrefix("denied") == true, "\(checks)")
        #expect(checks["readNetrc"] == "", "the hidden .netrc reads as empty: \(checks)")
        #expect(checks["unmountSsh"]?.hasPrefix("denied") == true, "\(checks)")
        #expect(checks["readKeyAgain"]?.hasPrefix("denied") == true, "\(checks)")
        #expect(checks["writeOutside"] == "denied: Read-only file system")
        #expect(checks["writeRealHome"] == "denied: Read-only file system")
        #expect(checks["network"]?.hasPrefix("denied") == true, "\(checks)")
        // Its own places work: a private HOME and TMPDIR, and the project it started in, copy-on-write.
        #expect(checks["writeHome"] == "ok" && checks["writeTmpdir"] == "ok" && checks["writeCwd"] == "ok", "\(checks)")
        #expect(checks["readCwd"] == "PROJECT-CONTENT")
        #expect(checks["cwd"] == scene.project.path)
        #expect(checks["home"] != scene.home.path)
        for dir in [scene.home, scene.project, scene.outside] { #expect(scene.leftovers(in: dir) == [], "\(dir.path)") }
        #expect(try String(contentsOf: scene.key, encoding: .utf8) == "PLANTED-PRIVATE-KEY")
    }

    @Test func eachAllowanceLiftsOnlyItsPart() throws {
        let scene = try Scene()
        let home = try scene.probe(["--allow-home"])
        #expect(home["readKey"] == "PLANTED-PRIVATE-KEY" && home["home"] == scene.home.path, "\(home)")
        #expect(home["writeRealHome"] == "denied: Read-only file system" && home["network"]?.hasPrefix("denied") == true)

        let write = try scene.probe(["--allow-write", scene.outside.path])
        #expect(write["writeOutside"] == "ok" && write["readKey"]?.hasPrefix("denied") == true, "\(write)")
        #expect(scene.leftovers(in: scene.outside) == ["from-server"])

        let network = try scene.probe(["--allow-network"])
        #expect(network["network"] == "ok" && network["readKey"]?.hasPrefix("denied") == true, "\(network)")
        #expect(network["writeOutside"] == "denied: Read-only file system")

        let none = try scene.probe(["--no-sandbox"])
        #expect(none["readKey"] == "PLANTED-PRIVATE-KEY" && none["network"] == "ok" && none["writeCwd"] == "ok", "\(none)")
        #expect(scene.leftovers(in: scene.project) == ["from-server"], "without the sandbox the server writes the real project")
    }

    @Test func aWritablePathInsideAHiddenPlaceIsRefusedWithTheFlagToUse() throws {
        let scene = try Scene()
        let binary = try #require(BuiltProducts.path(of: "mcprisk"))
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scene.home.path
        let run = try CommandRun.run(binary, ["scan", "--format", "json", "--allow-write", scene.home.appendingPathComponent(".ssh").path,
                                              "--", "python3", scene.script.path], environment: environment)
        #expect(run.status == 2)
        #expect(ReportSchema.problems(in: run.stdout) == [])
        let error = try JSONValue(parsing: run.stdout)["servers"]?[0]?["error"]
        #expect(error?["kind"] == "spawn-failed")
        #expect(error?["message"]?.stringValue?.contains("which the sandbox hides; add --allow-home") == true, "\(String(describing: error))")
    }

    /// The Python reference servers (from the venv, which lives under this checkout) run in the sandbox.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: RepoPaths.file(".venv/bin/python").path)
                   || ProcessInfo.processInfo.environment["CI"] != nil, "needs .venv with mcp-server-time and mcp-server-git"))
    func referenceServersCompleteInsideTheSandbox() throws {
        let binary = try #require(BuiltProducts.path(of: "mcprisk"))
        let python = RepoPaths.file(".venv/bin/python").path
        for (module, expected) in [("mcp_server_time", ["convert_time", "get_current_time"]),
                                   ("mcp_server_git", ["git_add", "git_commit", "git_diff", "git_log", "git_status"])] {
            let extra = module == "mcp_server_git" ? ["--repository", RepoPaths.root.path] : []
            let run = try CommandRun.run(binary, ["scan", "--format", "json", "--", python, "-m", module] + extra, directory: RepoPaths.root.path)
            #expect(ReportSchema.problems(in: run.stdout) == [])
            let server = try #require(try JSONValue(parsing: run.stdout)["servers"]?[0], "\(run.stderr)")
            #expect(server["status"] == "complete", "\(module): \(server["error"].map { JSONWriter.compact.string($0) } ?? "")")
            let names = Set(server["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            #expect(Set(expected).isSubset(of: names), "\(module): \(names.sorted())")
        }
    }
}
