import Foundation
import JSON
import Testing
@testable import Catalogue

/// Opt-in measurement (MCPRISK_BENCH=1): the storage side of a refresh and a merge at scale, with a
/// crawl that answers at once. Prints figures; asserts only correctness.
@Suite struct CatalogueBenchmark {
    static let servers = Int(ProcessInfo.processInfo.environment["MCPRISK_BENCH_SERVERS"] ?? "") ?? 2000

    @Test(.enabled(if: ProcessInfo.processInfo.environment["MCPRISK_BENCH"] == "1"))
    func refreshAndMergeAtScale() async throws {
        try await withTemporaryDirectory { root in
            let ids = (0..<Self.servers).map { "server-\($0)" }
            let crawl: CatalogueRefresher.Crawl = { entry in
                completeSnapshot((0..<10).map { tool("read_\($0)", "Tool \($0) of \(entry.id).") }, name: entry.id)
            }
            let plain = try store(at: root.appendingPathComponent("plain"), manifest(ids))
            let clock = ContinuousClock()
            var outcome: RefreshOutcome?
            let whole = try await clock.measure {
                outcome = try await CatalogueRefresher(store: plain, jobs: 16, timeout: 60, mcpriskVersion: "bench", crawl: crawl,
                                                       now: fixedNow, assess: fakeAssess).run()
            }
            #expect(outcome?.succeeded == Self.servers)
            let again = try await clock.measure {
                outcome = try await CatalogueRefresher(store: plain, jobs: 16, timeout: 60, mcpriskVersion: "bench", crawl: crawl,
                                                       now: fixedNow, assess: fakeAssess).run()
            }
            #expect(outcome?.results.allSatisfy { !$0.snapshotWritten } == true)
            let sharded = try store(at: root.appendingPathComponent("sharded"), manifest(ids))
            var outputs: [URL] = []
            let shards = try await clock.measure {
                for i in 0..<4 {
                    let out = root.appendingPathComponent("shard-\(i)")
                    _ = try await CatalogueRefresher(store: sharded, jobs: 16, timeout: 60, shard: try Shard(index: i, count: 4), outputDirectory: out,
                                                     mcpriskVersion: "bench", crawl: crawl, now: fixedNow, assess: fakeAssess).run()
                    outputs.append(out)
                }
            }
            let merge = try clock.measure { _ = try CatalogueMerger(store: sharded, now: fixedNow, assess: fakeAssess).merge(shardDirectories: outputs) }
            print("catalogue benchmark, \(Self.servers) servers of 10 tools: first refresh \(whole), unchanged refresh \(again), 4 shards \(shards), merge \(merge)")
        }
    }
}
