import Foundation
import Scanner
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
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ready = dir.appendingPathComponent("ready")
        let marker = "interrupt-marker-\(UUID().uuidString)"
        let server = "^\(fixture) never-answers \(marker)$"
        // The server runs as a user would run it: in the sandbox, allowed to write only its ready file's folder.
        let isolation = Sandbox.isAvailable ? ["--allow-write", dir.path] : ["--no-sandbox"]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["scan", "--env", "MCPRISK_FIXTURE_READY_FILE=\(ready.path)"] + isolation + ["--", fixture, "never-answers", marker]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // The server writes its ready file once it runs: wait for that, however slow a loaded machine is.
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: ready.path) && p.isRunning && Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        try #require(FileManager.default.fileExists(atPath: ready.path), "the fixture server never signalled it was ready (mcprisk running: \(p.isRunning))")
        #expect(try !processes(matching: server).isEmpty, "the ready server is not visible to pgrep")
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        // mcprisk sent SIGKILL to the server's process group before exiting; the kernel may take a moment.
        var left = try processes(matching: server)
        let gone = Date().addingTimeInterval(10)
        while !left.isEmpty && Date() < gone {
            try await Task.sleep(nanoseconds: 50_000_000)
            left = try processes(matching: server)
        }
        #expect(left.isEmpty, "still running: \(left)")
    }
}
