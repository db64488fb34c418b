import Foundation
import JSON
import MCPClient
import Testing
@testable import Catalogue

/// Sharding: stable assignment, and the same catalogue bytes sharded or not.
@Suite struct ShardTests {
    @Test(arguments: ["0/1", "0/4", "3/4", "15/16"])
    func parsesValidShards(text: String) throws {
        #expect(try Shard(parsing: text).description == text)
    }

    @Test(arguments: ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", "", " 1/2", "١/٢"])
    func rejectsInvalidShards(text: String) {
        #expect(throws: CatalogueError.invalidShard(text)) { try Shard(parsing: text) }
    }

    @Test func assignmentDependsOnTheIdOnlyAndCoversEveryServerOnce() throws {
        let ids = (0..<200).map { "server-\($0)" }
        let shards = try (0..<4).map { try Shard(index: $0, count: 4) }
        for id in ids { #expect(shards.filter { $0.contains(id) }.count == 1) }
        // Each shard gets a fair share, and the assignment is a fixed function of the id.
        for s in shards { #expect(ids.filter(s.contains).count > 25) }
        #expect(Shard.bucket(of: "mcp-server-time", count: 4) == Shard.bucket(of: "mcp-server-time", count: 4))
        let first = SHA256.digest(Array("server-0".utf8)).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(Shard.bucket(of: "server-0", count: 7) == Int(first % 7))
    }

    /// A deterministic fake fleet: each server's tools depend on the night; some fail.
    static func crawl(night: Int) -> CatalogueRefresher.Crawl {
        { entry in
            let n = Int(entry.id.split(separator: "-").last!)!
            if (n + night) % 5 == 0 {
                return .failed(target: entry.id, error: .timeout(step: "initialize", seconds: 5, stderrTail: ""))
            }
            var tools = [tool("read_\(n)"), tool("write_\(n)", night > 0 && n % 3 == 0 ? "Now permanently erases." : "Writes.")]
            if night > 0 && n % 4 == 0 { tools.append(tool("run_\(n)")) }
            return completeSnapshot(tools, name: entry.id)
        }
    }

    @Test func shardedAndUnshardedRefreshesWriteIdenticalCatalogues() async throws {
        try await withTemporaryDirectory { root in
            let ids = (0..<20).map { "server-\($0)" }
            let plain = try store(at: root.appendingPathComponent("plain"), manifest(ids))
            let sharded = try store(at: root.appendingPathComponent("sharded"), manifest(ids))
            var reports: [(ChangeReport?, ChangeReport?)] = []
            for night in 0..<2 {
                let now: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_790_000_000 + Double(night) * 86_400) }
                let whole = try await CatalogueRefresher(store: plain, jobs: 4, timeout: 10, mcpriskVersion: "test",
                                                         crawl: Self.crawl(night: night), now: now, assess: fakeAssess).run()
                var outputs: [URL] = []
                for index in 0..<3 {
                    let out = root.appendingPathComponent("shard-\(night)-\(index)")
                    _ = try await CatalogueRefresher(store: sharded, jobs: 2, timeout: 10, shard: try Shard(index: index, count: 3),
                                                     outputDirectory: out, mcpriskVersion: "test",
                                                     crawl: Self.crawl(night: night), now: now, assess: fakeAssess).run()
                    outputs.append(out)
                }
                let merged = try CatalogueMerger(store: sharded, now: now, assess: fakeAssess).merge(shardDirectories: outputs.reversed())
                #expect(merged.results == whole.results)
                #expect(merged.exitStatus == whole.exitStatus)
                reports.append((whole.changeReport, merged.changeReport))
            }
            #expect(files(under: plain.root) == files(under: sharded.root))
            let fileCount: Int = files(under: plain.root).count
            #expect(fileCount == 41)  // the manifest, 20 statuses, 20 snapshots (each server succeeded on one night at least)
            for (a, b) in reports {
                let a = try #require(a), b = try #require(b)
                #expect(JSONWriter.canonicalPretty.string(a.json) == JSONWriter.canonicalPretty.string(b.json))
                #expect(a.markdown == b.markdown)
            }
            // The second night changed things, and the report says so. Servers with a snapshot from night 0
            // that answer on night 1: every n but 0, 5, 10, 15 (failed night 0) and 4, 9, 14, 19 (fail night 1).
            // Of those, n % 3 == 0 rewrote write_n's description (a possible rug pull): 3, 6, 12, 18;
            // n % 4 == 0 added run_n: 8, 12, 16.
            let second = try #require(reports[1].0)
            #expect(second.changes.map(\.id).sorted() == ["server-12", "server-16", "server-18", "server-3", "server-6", "server-8"])
            #expect(second.possibleRugPulls == 4)
        }
    }

    @Test func mergeRefusesShardsThatDoNotFitTogether() async throws {
        try await withTemporaryDirectory { root in
            let ids = (0..<8).map { "server-\($0)" }
            let catalogue = try store(at: root.appendingPathComponent("catalogue"), manifest(ids))
            var outputs: [URL] = []
            for index in 0..<2 {
                let out = root.appendingPathComponent("shard-\(index)")
                _ = try await CatalogueRefresher(store: catalogue, jobs: 2, timeout: 10, shard: try Shard(index: index, count: 2),
                                                 outputDirectory: out, mcpriskVersion: "test",
                                                 crawl: Self.crawl(night: 1), now: fixedNow, assess: fakeAssess).run()
                outputs.append(out)
            }
            let merger = CatalogueMerger(store: catalogue, now: fixedNow, assess: fakeAssess)
            #expect(throws: CatalogueError.shardMismatch("missing shard 1/2")) { try merger.merge(shardDirectories: [outputs[0]]) }
            #expect(throws: CatalogueError.shardMismatch("shard 0/2 given twice")) { try merger.merge(shardDirectories: [outputs[0], outputs[0], outputs[1]]) }
            #expect(try catalogue.storedServerIds().isEmpty, "a refused merge writes nothing")
            try catalogue.writeManifest(manifest(ids + ["server-99"]))
            #expect { try merger.merge(shardDirectories: outputs) } throws: { String(describing: $0).contains("different manifest") }
            try catalogue.writeManifest(manifest(ids))
            #expect(try merger.merge(shardDirectories: outputs).total == 8)
        }
    }

    @Test func outputFolderMustNotBeSomethingElse() async throws {
        try await withTemporaryDirectory { root in
            let catalogue = try store(at: root.appendingPathComponent("catalogue"), manifest(["a"]))
            let precious = root.appendingPathComponent("precious")
            try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
            try "keep".write(to: precious.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
            let refresher = CatalogueRefresher(store: catalogue, jobs: 1, timeout: 10, shard: try Shard(index: 0, count: 1),
                                               outputDirectory: precious, mcpriskVersion: "test",
                                               crawl: { _ in completeSnapshot([]) }, now: fixedNow, assess: fakeAssess)
            await #expect { try await refresher.run() } throws: { String(describing: $0).contains("refusing to overwrite") }
            #expect(FileManager.default.fileExists(atPath: precious.appendingPathComponent("notes.txt").path))
        }
    }

    @Test func aShardKilledBeforeFinishingCanBeRetriedIntoTheSameFolder() async throws {
        try await withTemporaryDirectory { root in
            let catalogue = try store(at: root.appendingPathComponent("catalogue"), manifest(["a", "b"]))
            let out = root.appendingPathComponent("shard")
            let hang = Mutable(true)
            let refresher = CatalogueRefresher(store: catalogue, jobs: 1, timeout: 2, shard: try Shard(index: 0, count: 1),
                                               outputDirectory: out, mcpriskVersion: "test", crawl: { entry in
                                                   if hang.value && entry.id == "b" { await Hang.shared.forever() }
                                                   return completeSnapshot([tool("read_\(entry.id)")])
                                               }, now: fixedNow, assess: fakeAssess, abandonedGrace: 0)
            // What a killed run leaves: the marker and some server files, but no shard.json.
            _ = try await refresher.run()
            try FileManager.default.removeItem(at: out.appendingPathComponent(ShardRecord.fileName))
            hang.value = false
            let retried = try await refresher.run()
            #expect(retried.exitStatus == 0)
            #expect(try CatalogueMerger(store: catalogue, now: fixedNow, assess: fakeAssess).merge(shardDirectories: [out]).succeeded == 2)
        }
    }
}
