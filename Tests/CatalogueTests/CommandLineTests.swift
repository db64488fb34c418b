import Foundation
import JSON
import Testing
import TestSupport
@testable import Catalogue

/// The catalogue, lock and verify commands, run as the built `mcprisk` binary.
@Suite struct CommandLineTests {
    /// The built mcprisk binary, found like the fixture server: beside the tests, or in .build.
    static let binary: String? = {
        guard let fixture = FixtureServer.executablePath else { return nil }
        let path = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("mcprisk").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// Runs mcprisk in `directory`; returns status, stdout and stderr.
    static func run(_ arguments: [String], in directory: URL = RepoPaths.root, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(binary, "mcprisk is not built beside the fixture server; run swift build --build-tests"))
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile(), errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static var venvAvailable: Bool { FileManager.default.isExecutableFile(atPath: RepoPaths.file(".venv/bin/python").path) }
    static var underCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    @Test func usageErrorsExit64() throws {
        #expect(try Self.run(["catalogue"]).status == 64)
        #expect(try Self.run(["catalogue", "polish"]).status == 64)
        #expect(try Self.run(["catalogue", "refresh", "--shard", "3/3", "--output-dir", "x"]).status == 64)
        #expect(try Self.run(["catalogue", "refresh", "--shard", "0/3"]).status == 64)
        #expect(try Self.run(["catalogue", "merge", "--jobs", "2", "x"]).status == 64)
        #expect(try Self.run(["lock", "--demo"]).status == 64)
        #expect(try Self.run(["verify"]).status == 64)
    }

    /// The shipped sample catalogue refreshes offline and reproduces its demo snapshots exactly.
    @Test(.enabled(if: venvAvailable || underCI, "needs .venv with mcp-server-time and mcp-server-git (see docs/catalogue.md)"))
    func sampleCatalogueRefreshesOfflineAndReproducesItsSnapshots() async throws {
        try #require(Self.venvAvailable, "CI is set but .venv is missing")
        try await withTemporaryDirectory { root in
            let copy = root.appendingPathComponent("catalogue")
            try FileManager.default.copyItem(at: RepoPaths.file("catalogue"), to: copy)
            let result = try Self.run(["catalogue", "refresh", "--catalogue", copy.path, "--reports", root.appendingPathComponent("reports").path])
            #expect(result.status == 0, "\(result.out)\(result.err)")
            #expect(result.out.hasPrefix("refreshed 5 servers: 5 succeeded, 0 failed"))
            let shipped = CatalogueStore(root: RepoPaths.file("catalogue")), fresh = CatalogueStore(root: copy)
            for id in ["acme-ops", "acme-ops-full", "acme-ops-minimal"] {
                #expect(try Data(contentsOf: fresh.snapshotURL(id: id)) == Data(contentsOf: shipped.snapshotURL(id: id)), "\(id) changed")
            }
            // The reference servers come from PyPI and may gain tools; these are the ones they have had for long.
            let core = ["mcp-server-time": ["convert_time", "get_current_time"],
                        "mcp-server-git": ["git_add", "git_commit", "git_diff", "git_log", "git_status"]]
            for (id, tools) in core {
                let names = Set(try fresh.readSnapshot(id: id)?.tools.compactMap { $0["name"]?.stringValue } ?? [])
                #expect(Set(tools).isSubset(of: names), "\(id): \(names.sorted())")
            }
            let changes = try JSONValue(parsing: Array(Data(contentsOf: root.appendingPathComponent("reports/catalogue-changes.json"))))
            #expect(changes["failing"] == [])
            #expect(changes["serversAdded"] == [])
        }
    }

    @Test func refreshRecordsFailuresAndIsRefusedWhileLocked() async throws {
        try await withTemporaryDirectory { root in
            let fixture = try #require(FixtureServer.executablePath, "\(FixtureServer.missingMessage)")
            let manifest = CatalogueManifest(servers: [
                ManifestEntry(id: "demo", name: "Demo", launch: .stdio(command: "mcprisk", args: ["demo-server", "--variant", "minimal"], envNames: [])),
                ManifestEntry(id: "exits", name: "Exits", launch: .stdio(command: fixture, args: ["exits-immediately"], envNames: [])),
                ManifestEntry(id: "needs-key", name: "Needs a key", launch: .stdio(command: fixture, args: ["good"], envNames: ["MCPRISK_TEST_UNSET_KEY"])),
            ])
            let store = try store(at: root.appendingPathComponent("catalogue"), manifest)
            let args = ["catalogue", "refresh", "--catalogue", store.root.path, "--reports", root.appendingPathComponent("reports").path,
                        "--allow-network", "--timeout", "20"]
            let first = try Self.run(args)
            #expect(first.status == 1, "\(first.out)\(first.err)")
            #expect(first.out.contains("exits: server-exited"))
            #expect(first.out.contains("needs-key: invalid-target: the manifest passes environment variable MCPRISK_TEST_UNSET_KEY"))
            #expect(try store.readSnapshot(id: "demo")?.tools.count == 7)
            let stats = try String(contentsOf: root.appendingPathComponent("reports/catalogue-stats.md"), encoding: .utf8)
            #expect(stats.contains("3 servers in the manifest, 1 with a snapshot, 2 failing; 7 tools."))

            let held = try store.lock()
            let refused = try Self.run(args)
            held.release()
            #expect(refused.status == 2)
            #expect(refused.err.contains("another refresh holds the catalogue lock (pid \(getpid())"))
        }
    }

    @Test func secretsPassedToServersNeverReachTheCatalogue() async throws {
        try await withTemporaryDirectory { root in
            let fixture = try #require(FixtureServer.executablePath, "\(FixtureServer.missingMessage)")
            let secret = "sk-live-catalogue-\(UInt32.random(in: 1_000_000...9_999_999))"
            let store = try store(at: root.appendingPathComponent("catalogue"), CatalogueManifest(servers: [
                ManifestEntry(id: "echo", name: "Echoes its key", launch: .stdio(command: fixture, args: ["echoes-secret"], envNames: ["FIXTURE_SECRET"])),
            ]))
            let reports = root.appendingPathComponent("reports")
            let result = try Self.run(["catalogue", "refresh", "--catalogue", store.root.path, "--reports", reports.path, "--allow-network"],
                                      environment: ["FIXTURE_SECRET": secret])
            #expect(result.status == 0, "\(result.out)\(result.err)")
            #expect(try store.readSnapshot(id: "echo")?.definitions.canonicalText.contains("[redacted]") == true)
            _ = try Self.run(["catalogue", "report", "--catalogue", store.root.path, "--reports", reports.path])
            #expect(ReportSchema.problems(in: try String(contentsOf: reports.appendingPathComponent("servers/echo.json"), encoding: .utf8)) == [])
            for (path, bytes) in files(under: root) {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(secret), "\(path) holds the secret")
            }
            #expect(!result.out.contains(secret) && !result.err.contains(secret))
        }
    }

    /// A remote entry: the demo's Streamable HTTP server on loopback, with a header whose value comes
    /// from the environment and never lands in the catalogue.
    @Test func remoteEntriesAreCrawledWithHeadersFromTheEnvironment() async throws {
        try await withTemporaryDirectory { root in
            let server = Process()
            server.executableURL = URL(fileURLWithPath: try #require(Self.binary, "mcprisk is not built"))
            server.arguments = ["demo-server", "--http", "0", "--variant", "minimal"]
            let out = Pipe()
            server.standardOutput = out
            server.standardError = FileHandle.nullDevice
            try server.run()
            defer { server.terminate(); server.waitUntilExit() }
            // The first line names the chosen port: "… listening on 127.0.0.1:PORT: Streamable HTTP http://…/mcp, …".
            var line = Data()
            while !line.contains(0x0A), line.count < 4096 {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            let url = try #require(text.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") && $0.contains("/mcp") }, "\(text)")
            let token = "tok-\(UInt32.random(in: 1_000_000...9_999_999))"
            let store = try store(at: root.appendingPathComponent("catalogue"), CatalogueManifest(servers: [
                ManifestEntry(id: "remote-demo", name: "Demo over HTTP", launch: .remote(url: String(url.trimmingCharacters(in: CharacterSet(charactersIn: ",\n"))), headerNames: ["X-Api-Key"])),
            ]))
            let args = ["catalogue", "refresh", "--catalogue", store.root.path, "--reports", root.appendingPathComponent("reports").path]
            let missing = try Self.run(args)
            #expect(missing.status == 2)
            #expect(missing.out.contains("MCPRISK_HEADER_X_API_KEY is not set"))
            let result = try Self.run(args, environment: ["MCPRISK_HEADER_X_API_KEY": token])
            #expect(result.status == 0, "\(result.out)\(result.err)")
            #expect(try store.readSnapshot(id: "remote-demo")?.tools.count == 7)
            for (path, bytes) in files(under: root) { #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "\(path)") }
        }
    }

    @Test func lockThenVerifyCatchesASilentUpdate() async throws {
        try await withTemporaryDirectory { root in
            let lockPath = root.appendingPathComponent("mcprisk.lock").path
            let pinned = try Self.run(["lock", "--demo", "--output", lockPath])
            #expect(pinned.status == 0, "\(pinned.err)")
            #expect(try Self.run(["verify", lockPath]).status == 0)
            // The same server after a silent update: the demo's `changed` variant.
            let text = try String(contentsOfFile: lockPath, encoding: .utf8)
            try text.replacingOccurrences(of: "server\tdemo\t--demo\t--variant\tfull", with: "server\tdemo\t--demo\t--variant\tchanged")
                .write(toFile: lockPath, atomically: true, encoding: .utf8)
            let drift = try Self.run(["verify", lockPath])
            #expect(drift.status == 1)
            #expect(drift.out.contains("demo: tool \"list_invoices\" renamed to \"list_customer_invoices\" (same definition)"))
            #expect(drift.out.contains("demo: tool \"get_customer\" definition changed"))
        }
    }

    /// `reports/servers/*` and `reports/catalogue-stats.*` are derived from the stored snapshots; this
    /// keeps the shipped ones current (MCPRISK_UPDATE_GOLDEN=1 re-renders them).
    @Test func catalogueReportRendersEveryServerWithoutCrawling() async throws {
        if Golden.updating {
            #expect(try Self.run(["catalogue", "report"]).status == 0)
            return
        }
        try await withTemporaryDirectory { root in
            let reports = root.appendingPathComponent("reports")
            let result = try Self.run(["catalogue", "report", "--reports", reports.path])
            #expect(result.status == 0, "\(result.err)")
            var names = ["catalogue-stats.md", "catalogue-stats.json"]
            for id in try CatalogueStore(root: RepoPaths.file("catalogue")).storedServerIds() {
                names += [".md", ".json", ".policylayer.json"].map { "servers/\(id)\($0)" }
            }
            for name in names {
                let fresh = try String(contentsOf: reports.appendingPathComponent(name), encoding: .utf8)
                if name.hasSuffix(".json") && !name.hasSuffix(".policylayer.json") && name.hasPrefix("servers/") {
                    #expect(ReportSchema.problems(in: fresh) == [], "\(name)")
                }
                #expect(Golden.mismatch(fresh, golden: "reports/\(name)") == nil, "rerun `mcprisk catalogue report` (or MCPRISK_UPDATE_GOLDEN=1)")
            }
        }
    }
}
