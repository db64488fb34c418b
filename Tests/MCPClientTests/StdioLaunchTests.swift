#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON
import MCPClient
import Testing
import TestSupport

@Suite struct StdioLaunchTests {
    /// Runs a shell command as a "server" that prints to stderr and exits; returns the crawl error.
    private func errorOf(_ script: String, environment: [String: String] = [:], workingDirectory: String? = nil,
                         inherit: Bool = false) async throws -> MCPError? {
        let transport = try StdioTransport.launch(StdioLaunch(command: "sh", arguments: ["-c", script], environment: environment,
                                                              inheritEnvironment: inherit, workingDirectory: workingDirectory))
        return await Crawler(options: CrawlOptions(requestTimeout: 10, totalTimeout: 20)).crawl(transport, target: "sh").error
    }

    @Test func unknownCommandFailsToSpawnWithAClearReason() {
        #expect {
            _ = try StdioTransport.launch(StdioLaunch(command: "mcprisk-no-such-command-x1"))
        } throws: { error in
            guard case .spawnFailed(let command, let reason) = error as? MCPError else { return false }
            return command == "mcprisk-no-such-command-x1" && reason.hasPrefix("not found in PATH (")
        }
        #expect(throws: MCPError.spawnFailed(command: "./no/such/server", reason: "no such file (\(FileManagerless.cwd)/./no/such/server)")) {
            _ = try StdioTransport.launch(StdioLaunch(command: "./no/such/server"))
        }
    }

    @Test func missingWorkingDirectoryFailsToSpawn() {
        #expect(throws: MCPError.spawnFailed(command: "sh", reason: "working directory /no/such/dir/x does not exist")) {
            _ = try StdioTransport.launch(StdioLaunch(command: "sh", workingDirectory: "/no/such/dir/x"))
        }
    }

    @Test func childGetsOnlyThePassThroughVariablesAndTheOverlay() async throws {
        setenv("MCPRISK_TEST_SECRET", "s3cret-value", 1)
        let error = try await errorOf("echo \"secret=${MCPRISK_TEST_SECRET:-unset} overlay=$OVERLAY path=${PATH:+set}\" >&2; exit 4",
                                      environment: ["OVERLAY": "yes"])
        #expect(error == .serverExited(step: "initialize", status: "exit status 4", stderrTail: "secret=unset overlay=yes path=set"))
        let inherited = try await errorOf("echo \"secret=${MCPRISK_TEST_SECRET:-unset}\" >&2; exit 4", inherit: true)
        #expect(inherited == .serverExited(step: "initialize", status: "exit status 4", stderrTail: "secret=s3cret-value"))
    }

    @Test func workingDirectoryIsUsed() async throws {
        let error = try await errorOf("pwd >&2; exit 5", workingDirectory: "/")
        #expect(error == .serverExited(step: "initialize", status: "exit status 5", stderrTail: "/"))
    }

    @Test func environmentFilterDropsShellFunctions() {
        let launch = StdioLaunch(command: "x", environment: ["A": "1"])
        let env = launch.childEnvironment(from: ["HOME": "/h", "PATH": "/bin", "TOKEN": "t", "SHELL": "() { :; }", "LANG": "C"])
        #expect(env == ["HOME": "/h", "PATH": "/bin", "LANG": "C", "A": "1"])
    }

    @Test func overlayValuesAreRedactedFromStderr() async throws {
        let error = try await errorOf("echo \"auth failed for key $API_KEY\" >&2; exit 1", environment: ["API_KEY": "sk-live-123456"])
        #expect(error == .serverExited(step: "initialize", status: "exit status 1", stderrTail: "auth failed for key [redacted]"))
    }

    @Test func crawlOfAnUnstartableCommandIsAFailedSnapshot() async {
        let snapshot = await Crawler().crawl(StdioLaunch(command: "/nonexistent/server"), target: "nope")
        #expect(snapshot.completeness == .failed)
        #expect(snapshot.error == .spawnFailed(command: "/nonexistent/server", reason: "no such file (/nonexistent/server)"))
    }

    @Test func killedBySignalIsDescribed() async throws {
        let error = try await errorOf("echo dying >&2; kill -9 $$")
        #expect(error == .serverExited(step: "initialize", status: "killed by signal 9", stderrTail: "dying"))
    }
}

enum FileManagerless {
    static var cwd: String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let ok = buffer.withUnsafeMutableBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { getcwd($0, p.count) } != nil
        }
        return ok ? String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self) : "/"
    }
}
