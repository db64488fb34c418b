import Foundation
import Testing
import TestSupport

/// Ctrl-C during a scan stops every server mcprisk started, even ones that ignore SIGTERM.
struct InterruptTests {
    /// Pids whose whole command line matches `pattern` (anchored, so mcprisk's own arguments don't count).
    func processes(matching pattern: String) throws -> [String] {
        let run = try CommandRun.run("/usr/bin/pgrep", ["-f", pattern])
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func interruptedScanLeavesNoServerBehind() async throws {
        let binary = try #require(BuiltProducts.path(of: "mcprisk"))
        let fixture = try #require(FixtureServer.executablePath)
        let marker = "interrupt-marker-\(UUID().uuidString)"
        let server = "^\(fixture) never-answers \(marker)$"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["scan", "--allow-network", "--", fixture, "never-answers", marker]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait for the server to be up (a loaded machine may take a while to start a debug build).
        var started = false
        for _ in 0..<600 where !started {
            try await Task.sleep(nanoseconds: 50_000_000)
            started = try !processes(matching: server).isEmpty
        }
        #expect(started, "the fixture server never started")
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        var left = try processes(matching: server)
        for _ in 0..<200 where !left.isEmpty {
            try await Task.sleep(nanoseconds: 50_000_000)
            left = try processes(matching: server)
        }
        #expect(left.isEmpty, "still running: \(left)")
    }
}
