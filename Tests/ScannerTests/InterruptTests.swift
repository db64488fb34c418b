import Foundation
import Testing
import TestSupport

/// Ctrl-C during a scan stops every server mcprisk started, even ones that ignore SIGTERM.
struct InterruptTests {
    func processes(matching marker: String) throws -> [String] {
        let run = try CommandRun.run("/usr/bin/pgrep", ["-f", marker])
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func interruptedScanLeavesNoServerBehind() async throws {
        let binary = try #require(BuiltProducts.path(of: "mcprisk"))
        let fixture = try #require(FixtureServer.executablePath)
        let marker = "interrupt-marker-\(UUID().uuidString)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["scan", "--allow-network", "--", fixture, "never-answers", marker]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var started = false
        for _ in 0..<100 where !started {
            try await Task.sleep(nanoseconds: 50_000_000)
            started = try !processes(matching: marker).isEmpty
        }
        #expect(started, "the fixture server never started")
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        var left = try processes(matching: marker)
        for _ in 0..<40 where !left.isEmpty {
            try await Task.sleep(nanoseconds: 50_000_000)
            left = try processes(matching: marker)
        }
        #expect(left.isEmpty, "still running: \(left)")
    }
}
