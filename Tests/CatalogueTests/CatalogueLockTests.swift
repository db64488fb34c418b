import Foundation
import Testing
@testable import Catalogue

/// The catalogue lock: one holder at a time; a lock whose holder died is taken over.
@Suite struct CatalogueLockTests {
    @Test func secondRefreshIsRefusedNamingTheHolder() async throws {
        try await withTemporaryDirectory { root in
            let url = root.appendingPathComponent(".lock")
            let first = try CatalogueLock.acquire(at: url)
            #expect(first.tookOverFrom == nil)
            #expect { try CatalogueLock.acquire(at: url) } throws: { error in
                guard case CatalogueError.locked(_, let holder) = error else { return false }
                return holder.contains("pid \(getpid())")
            }
            first.release()
            #expect(!FileManager.default.fileExists(atPath: url.path))
            let again = try CatalogueLock.acquire(at: url)
            again.release()
        }
    }

    @Test func staleLockOfADeadProcessIsTakenOver() async throws {
        try await withTemporaryDirectory { root in
            let url = root.appendingPathComponent(".lock")
            // What a refresh killed with SIGKILL leaves: the file, with nobody holding the flock.
            try "pid 999999 on elsewhere since 2026-01-01T00:00:00Z\n".write(to: url, atomically: false, encoding: .utf8)
            let lock = try CatalogueLock.acquire(at: url)
            #expect(lock.tookOverFrom == "pid 999999 on elsewhere since 2026-01-01T00:00:00Z")
            #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("pid \(getpid()) "))
            lock.release()
        }
    }

    @Test func refreshAndMergeRefuseALockedCatalogue() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, manifest(["a"]))
            let held = try store.lock()
            defer { held.release() }
            let refresher = CatalogueRefresher(store: store, jobs: 1, timeout: 5, mcpriskVersion: "test",
                                               crawl: { _ in completeSnapshot([]) }, now: fixedNow, assess: fakeAssess)
            await #expect { try await refresher.run() } throws: { if case CatalogueError.locked = $0 { true } else { false } }
            #expect(try store.storedServerIds().isEmpty)
        }
    }
}
