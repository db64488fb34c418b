import Foundation
import JSON
import MCPClient
import Testing
@testable import Catalogue

/// The refresh: bounded concurrency, deadlines, failures beside good servers, last good snapshot kept.
@Suite struct RefresherTests {
    @Test func moreServersThanJobsNeverExceedsJobs() async throws {
        try await withTemporaryDirectory { root in
            let ids = (0..<12).map { "server-\($0)" }
            let store = try store(at: root, manifest(ids))
            let inFlight = InFlight()
            let progressCount = InFlight()
            let refresher = CatalogueRefresher(store: store, jobs: 3, timeout: 30, mcpriskVersion: "test", crawl: { entry in
                inFlight.enter(entry.id)
                try? await Task.sleep(nanoseconds: 20_000_000)
                inFlight.leave()
                return completeSnapshot([tool("read_\(entry.id)")])
            }, now: fixedNow, assess: fakeAssess, progress: { p in progressCount.enter(p.line) })
            let outcome = try await refresher.run()
            #expect(outcome.succeeded == 12)
            #expect(outcome.exitStatus == 0)
            #expect(inFlight.peak <= 3)
            #expect(inFlight.peak >= 2, "jobs 3 should overlap crawls")
            #expect(Set(inFlight.started) == Set(ids))
            #expect(progressCount.started.count == 12)
            #expect(progressCount.started.last?.hasPrefix("[12/12] 0 failed") == true)
            #expect(try store.storedServerIds() == ids.sorted())
        }
    }

    @Test func hangingAndCrashingServersBesideGoodOnes() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, manifest(["good-1", "good-2", "hangs", "crashes"]))
            let broken = Mutable(false)
            func refresher(at seconds: Double) -> CatalogueRefresher {
                CatalogueRefresher(store: store, jobs: 2, timeout: 2, mcpriskVersion: "test", crawl: { entry in
                    switch entry.id {
                    case "hangs":
                        await Hang.shared.forever()
                        return completeSnapshot([])
                    case "crashes" where broken.value:
                        return .failed(target: entry.id, error: .serverExited(step: "tools/list", status: "signal 11", stderrTail: "Segmentation fault"))
                    default:
                        return completeSnapshot([tool("read_a"), tool("write_b")])
                    }
                }, now: { Date(timeIntervalSince1970: seconds) }, assess: fakeAssess, abandonedGrace: 0.2)
            }
            // First night: everything but the hanging server works.
            let first = try await refresher(at: 1_790_000_000).run()
            #expect(first.succeeded == 3)
            #expect(first.exitStatus == 1)
            let goodSnapshot = try #require(try store.readSnapshot(id: "crashes"))

            // Next nights: the crash keeps the last good snapshot and the streak grows.
            broken.value = true
            _ = try await refresher(at: 1_790_086_400).run()
            let third = try await refresher(at: 1_790_172_800).run()
            #expect(third.exitStatus == 1)
            #expect(third.results.map(\.succeeded) == [false, true, true, false])  // crashes, good-1, good-2, hangs
            #expect(try store.readSnapshot(id: "crashes") == goodSnapshot)
            let crashed = try #require(try store.readStatus(id: "crashes"))
            #expect(crashed.failure?.kind == "server-exited")
            #expect(crashed.failure?.message.contains("Segmentation fault") == true)
            #expect(crashed.failure?.consecutiveFailures == 2)
            #expect(crashed.failure?.since == Timestamp(secondsSince1970: 1_790_086_400))
            #expect(crashed.lastSuccessAt == Timestamp(secondsSince1970: 1_790_000_000))
            let hung = try #require(try store.readStatus(id: "hangs"))
            #expect(hung.failure?.kind == "timeout")
            #expect(hung.failure?.consecutiveFailures == 3)
            #expect(try store.readSnapshot(id: "hangs") == nil)
            #expect(try store.readStatus(id: "good-1")?.failure == nil)
            // The change report names the failing servers.
            let report = try #require(third.changeReport)
            #expect(report.failing.map(\.id) == ["crashes", "hangs"])
            #expect(report.failing.first?.hasSnapshot == true)
        }
    }

    @Test func crawlsPastTheirDeadlineGetToFinishTheirTeardownBeforeTheRunEnds() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, manifest(["slow"]))
            let finished = Mutable(false)
            let refresher = CatalogueRefresher(store: store, jobs: 1, timeout: 0.2, mcpriskVersion: "test", crawl: { _ in
                // Ignores cancellation, like a crawl busy tearing down its child process.
                await withCheckedContinuation { c in DispatchQueue.global().asyncAfter(deadline: .now() + 0.8) { c.resume() } }
                finished.value = true
                return completeSnapshot([])
            }, now: fixedNow, assess: fakeAssess)
            let outcome = try await refresher.run()
            #expect(outcome.results.first?.status.failure?.kind == "timeout")
            #expect(finished.value, "the run waited (bounded) for the abandoned crawl")
        }
    }

    @Test func anUnreadableStoredFileFailsOnlyItsServerAndIsNeverOverwritten() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, manifest(["a", "b"]))
            let refresher = CatalogueRefresher(store: store, jobs: 2, timeout: 10, mcpriskVersion: "test",
                                               crawl: { _ in completeSnapshot([tool("read_a")]) }, now: fixedNow, assess: fakeAssess)
            _ = try await refresher.run()
            let url = store.snapshotURL(id: "b")
            try "{\"schemaVersion\": 1, \"edited\": true}\n".write(to: url, atomically: true, encoding: .utf8)
            let outcome = try await refresher.run()
            #expect(outcome.exitStatus == 1)
            let failure = try #require(outcome.results.last?.status.failure)
            #expect(failure.kind == "invalid-catalogue-file")
            #expect(failure.message.contains(url.path))
            #expect(try String(contentsOf: url, encoding: .utf8).contains("edited"), "left for a person to look at")
            #expect(outcome.changeReport?.failing.map(\.id) == ["b"])
        }
    }

    @Test func exitStatusSaysAllSomeOrNone() {
        let ok = ServerRefreshResult(id: "a", succeeded: true, snapshotWritten: true, status: ServerStatus(serverId: "a"))
        var bad = ok; bad.id = "b"; bad.succeeded = false
        #expect(RefreshOutcome(results: []).exitStatus == 0)
        #expect(RefreshOutcome(results: [ok]).exitStatus == 0)
        #expect(RefreshOutcome(results: [ok, bad]).exitStatus == 1)
        #expect(RefreshOutcome(results: [bad]).exitStatus == 2)
    }

    @Test func partialListingKeepsTheLastGoodSnapshot() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, manifest(["s"]))
            let partial = Mutable(false)
            let refresher = CatalogueRefresher(store: store, jobs: 1, timeout: 10, mcpriskVersion: "test", crawl: { _ in
                if partial.value {
                    var s = completeSnapshot([tool("read_a")])
                    s.completeness = .partial
                    s.error = .limitExceeded(step: "tools/list", detail: "more than 100 pages")
                    return s
                }
                return completeSnapshot([tool("read_a"), tool("write_b")])
            }, now: fixedNow, assess: fakeAssess)
            _ = try await refresher.run()
            partial.value = true
            let outcome = try await refresher.run()
            #expect(outcome.exitStatus == 2)
            #expect(try store.readSnapshot(id: "s")?.tools.count == 2)
            #expect(try store.readStatus(id: "s")?.failure?.kind == "partial")
            #expect(outcome.changeReport?.changes.isEmpty == true)
        }
    }

    @Test func unchangedContentIsNotRewrittenAndRemovedServersAreDropped() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, manifest(["a", "b"]))
            let clock = Mutable(1_790_000_000.0)
            let refresher = CatalogueRefresher(store: store, jobs: 2, timeout: 10, mcpriskVersion: "test",
                                               crawl: { _ in completeSnapshot([tool("read_a")]) },
                                               now: { Date(timeIntervalSince1970: clock.value) }, assess: fakeAssess)
            _ = try await refresher.run()
            let before = try String(contentsOf: store.snapshotURL(id: "a"), encoding: .utf8)
            clock.value += 86_400
            try store.writeManifest(manifest(["a"]))
            let outcome = try await refresher.run()
            #expect(outcome.results.map(\.snapshotWritten) == [false])
            #expect(try String(contentsOf: store.snapshotURL(id: "a"), encoding: .utf8) == before)
            #expect(try store.readStatus(id: "a")?.lastSuccessAt == Timestamp(secondsSince1970: 1_790_086_400))
            #expect(try store.storedServerIds() == ["a"])
            #expect(outcome.changeReport?.serversRemoved == ["b"])
        }
    }
}

/// A value tests change between runs.
final class Mutable<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
