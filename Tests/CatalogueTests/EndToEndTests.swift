import Foundation
import Definitions
import JSON
import MCPClient
import Risk
import Testing
import TestSupport
@testable import Catalogue

/// Refreshes over real child processes (the hostile fixture server), the real stdio crawler and the
/// real classifier: hanging and crashing servers beside good ones, and nothing left running after.
@Suite struct EndToEndTests {
    /// A manifest of fixture servers: id → mode.
    static func fixtureManifest(_ servers: [(String, String)]) throws -> CatalogueManifest {
        let path = try #require(FixtureServer.executablePath, "\(FixtureServer.missingMessage)")
        return CatalogueManifest(servers: servers.map { ManifestEntry(id: $0.0, name: "Fixture \($0.1)", launch: .stdio(command: path, args: [$0.1], envNames: [])) })
    }

    /// The real crawl, with the crawler's own timeouts far beyond the catalogue's deadline so the
    /// deadline is what ends a hanging server; records every child's pid.
    static func crawl(pids: Mutable<[Int32]>) -> CatalogueRefresher.Crawl {
        { entry in
            guard case .stdio(let command, let args, _) = entry.launch else { return .failed(target: entry.id, error: .invalidTarget("not stdio")) }
            let transport: StdioTransport
            do { transport = try StdioTransport.launch(StdioLaunch(command: command, arguments: args)) } catch {
                return .failed(target: entry.id, error: (error as? MCPError) ?? .invalidTarget(String(describing: error)))
            }
            pids.value.append(transport.processID)
            return await Crawler(options: CrawlOptions(requestTimeout: 60, totalTimeout: 60)).crawl(transport, target: entry.id)
        }
    }

    static let assess: CatalogueRefresher.Assess = { Assessor().assess($0) }

    @Test func hangingCrashingAndExitingServersBesideGoodOnes() async throws {
        try await withTemporaryDirectory { root in
            let good = (0..<5).map { ("good-\($0)", "good") }
            let manifest = try Self.fixtureManifest(good + [("hangs", "never-answers"), ("crashes", "crash-mid-list"), ("exits", "exits-immediately")])
            let store = try store(at: root, manifest)
            let pids = Mutable<[Int32]>([])
            // A generous deadline: under a loaded full test run a debug-built good server can take seconds.
            let refresher = CatalogueRefresher(store: store, jobs: 3, timeout: 20, mcpriskVersion: "test", crawl: Self.crawl(pids: pids),
                                               now: fixedNow, assess: Self.assess)
            let outcome = try await refresher.run()
            #expect(outcome.exitStatus == 1)
            #expect(outcome.succeeded == 5)
            #expect(try store.readStatus(id: "hangs")?.failure?.kind == "timeout")
            let crashed = try #require(try store.readStatus(id: "crashes")?.failure)
            // It listed one page, then died: a partial listing is a failure, never stored as the snapshot.
            #expect(crashed.kind == "partial", "\(crashed)")
            #expect(crashed.message.contains("server exited"), "\(crashed)")
            #expect(try store.readSnapshot(id: "crashes") == nil)
            let exits = try #require(try store.readStatus(id: "exits")?.failure)
            #expect(exits.kind == "server-exited")
            #expect(exits.message.contains("missing API key"))
            for id in good.map(\.0) {
                let snapshot = try #require(try store.readSnapshot(id: id))
                #expect(!snapshot.tools.isEmpty)
                #expect(snapshot.toolHashes.count == Set(snapshot.tools.compactMap { $0["name"]?.stringValue }).count)
            }
            #expect(pids.value.count == 8)
            for pid in pids.value { #expect(!ProcessProbe.isRunning(pid), "server process \(pid) outlived the refresh") }
            let report = try #require(outcome.changeReport)
            #expect(report.failing.map(\.id) == ["crashes", "exits", "hangs"])
            #expect(report.statistics.serversWithSnapshot == 5)
            #expect(report.statistics.tools > 0)
        }
    }

    @Test func aServerThatStartsCrashingKeepsItsLastGoodSnapshot() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, try Self.fixtureManifest([("flaky", "good")]))
            let pids = Mutable<[Int32]>([])
            func refresh(_ seconds: Double) async throws -> RefreshOutcome {
                try await CatalogueRefresher(store: store, jobs: 1, timeout: 20, mcpriskVersion: "test", crawl: Self.crawl(pids: pids),
                                             now: { Date(timeIntervalSince1970: seconds) }, assess: Self.assess).run()
            }
            #expect(try await refresh(1_790_000_000).exitStatus == 0)
            let good = try String(contentsOf: store.snapshotURL(id: "flaky"), encoding: .utf8)
            try store.writeManifest(try Self.fixtureManifest([("flaky", "crash-mid-list")]))
            #expect(try await refresh(1_790_086_400).exitStatus == 2)
            let outcome = try await refresh(1_790_172_800)
            #expect(try String(contentsOf: store.snapshotURL(id: "flaky"), encoding: .utf8) == good)
            let status = try #require(try store.readStatus(id: "flaky"))
            #expect(status.failure?.consecutiveFailures == 2)
            #expect(status.lastSuccessAt == Timestamp(secondsSince1970: 1_790_000_000))
            #expect(outcome.changeReport?.failing.first?.hasSnapshot == true)
            #expect(outcome.changeReport?.changes.isEmpty == true)
        }
    }

    /// Assessments are derived: the classifier over a stored, re-read snapshot gives exactly what it
    /// gave over the live crawl, for servers with duplicate keys, escapes and deep schemas too.
    @Test(arguments: ["good", "duplicate-description", "escape-sequences", "deep-schema", "invalid-entries"])
    func storedSnapshotsAssessLikeTheLiveCrawl(mode: String) async throws {
        try await withTemporaryDirectory { root in
            let launch = try #require(FixtureServer.launch(mode), "\(FixtureServer.missingMessage)")
            let live = await Crawler(options: CrawlOptions(requestTimeout: 20, totalTimeout: 20)).crawl(launch, target: mode)
            try #require(live.completeness == .complete, "\(String(describing: live.error))")
            let store = CatalogueStore(root: root)
            try store.writeSnapshot(StoredSnapshot(serverId: "s", capturedAt: Timestamp(fixedNow()), mcpriskVersion: "test", snapshot: live))
            let stored = try #require(try store.readSnapshot(id: "s"))
            #expect(Self.assess(stored.reviewed) == Self.assess(ReviewedServer(live.definitions, name: "s")))
            #expect(stored.parseIssues == live.definitions.parseIssues)
            if mode == "duplicate-description" { #expect(!stored.parseIssues.isEmpty) }
        }
    }
}
