#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JSON
import Testing
@testable import Catalogue

/// A refresh killed halfway leaves every file old or new, never torn: a child process (this test
/// binary re-run with one test selected) rewrites snapshots and statuses in a loop and is killed with
/// SIGKILL mid-stream; then every file must parse and hold one of the two versions.
@Suite struct KillDuringWriteTests {
    static let childDirectoryVariable = "MCPRISK_TEST_KILL_WRITER_DIR"
    static let ids = (0..<6).map { "server-\($0)" }

    /// Version `v` of a server's snapshot: large enough (about 150 KB) that writes take a while.
    static func snapshot(_ id: String, version v: Int) -> StoredSnapshot {
        let tools = (0..<300).map { i in tool("tool_\(i)", "Version \(v) of tool \(i). " + String(repeating: "word\(v) ", count: 50)) }
        return StoredSnapshot(serverId: id, capturedAt: Timestamp(secondsSince1970: 1_790_000_000 + Int64(v)), mcpriskVersion: "test",
                              snapshot: completeSnapshot(tools, name: id))
    }

    static func status(_ id: String, version v: Int) -> ServerStatus {
        ServerStatus(serverId: id).failed(kind: "timeout", message: "version \(v) " + String(repeating: "x", count: v * 100),
                                          at: Timestamp(secondsSince1970: 1_790_000_000 + Int64(v)))
    }

    /// The child: holds the lock and rewrites every file, alternating versions, until killed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childDirectoryVariable] != nil))
    func childWriterLoop() throws {
        let store = CatalogueStore(root: URL(fileURLWithPath: ProcessInfo.processInfo.environment[Self.childDirectoryVariable]!))
        let lock = try store.lock()
        defer { lock.release() }
        let versions = [0, 1].map { v in Self.ids.map { (Self.snapshot($0, version: v), Self.status($0, version: v)) } }
        var round = 0
        while true {
            for (snapshot, status) in versions[round % 2] {
                try store.writeSnapshot(snapshot)
                try store.writeStatus(status)
            }
            round += 1
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[childDirectoryVariable] == nil && FileManager.default.fileExists(atPath: "/proc/self/exe")))
    func sigkillMidWriteLeavesOldOrNewFiles() async throws {
        try await withTemporaryDirectory { root in
            let store = CatalogueStore(root: root)
            let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let expectedSnapshots = [0, 1].map { v in Self.ids.map { Self.snapshot($0, version: v) } }
            let expectedStatuses = [0, 1].map { v in Self.ids.map { Self.status($0, version: v) } }
            var tookOver = 0
            for round in 0..<4 {
                // Remove the statuses so waiting for them means this child has taken the lock and written a full pass.
                for id in Self.ids { try? FileManager.default.removeItem(at: store.statusURL(id: id)) }
                let child = Process()
                child.executableURL = URL(fileURLWithPath: binary)
                child.arguments = ["--testing-library", "swift-testing", "--filter", "KillDuringWriteTests/childWriterLoop"]
                child.environment = ProcessInfo.processInfo.environment.merging([Self.childDirectoryVariable: root.path]) { $1 }
                child.standardOutput = FileHandle.nullDevice
                child.standardError = FileHandle.nullDevice
                try child.run()
                // Wait until the child has written every file once (its readiness signal; a loaded machine may take
                // long to start a second test process), then let it run a little more.
                func written() -> Bool { Self.ids.allSatisfy { FileManager.default.fileExists(atPath: store.statusURL(id: $0).path) } }
                let deadline = Date().addingTimeInterval(300)
                while !written() && child.isRunning && Date() < deadline {
                    try await Task.sleep(nanoseconds: 50_000_000)
                }
                try #require(written(), "the child writer never finished a first pass (running: \(child.isRunning))")
                try await Task.sleep(nanoseconds: UInt64(20 + round * 37) * 1_000_000)
                kill(child.processIdentifier, SIGKILL)
                child.waitUntilExit()
                #expect(child.terminationReason == .uncaughtSignal, "the child must have been killed, not have stopped on its own")

                for (i, id) in Self.ids.enumerated() {
                    let snapshot = try #require(try store.readSnapshot(id: id))
                    #expect(snapshot == expectedSnapshots[0][i] || snapshot == expectedSnapshots[1][i])
                    let status = try #require(try store.readStatus(id: id))
                    #expect(status == expectedStatuses[0][i] || status == expectedStatuses[1][i])
                }
                // The dead child's lock is stale and is taken over; its temporary files are swept.
                let lock = try store.lock()
                if lock.tookOverFrom != nil { tookOver += 1 }
                lock.release()
                let leftovers = Self.ids.flatMap { id in
                    ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("servers/\(id)").path)) ?? [])
                        .filter { $0.hasPrefix(AtomicFile.temporaryPrefix) }
                }
                #expect(leftovers.isEmpty)
            }
            #expect(tookOver == 4)
        }
    }
}
