import Foundation
import JSON
import Testing
import TestSupport
@testable import Catalogue

/// Manifest, snapshot and status files: canonical, strict, atomic.
@Suite struct StoreTests {
    let stdio = ManifestEntry(id: "time", name: "Time", launch: .stdio(command: "python", args: ["-m", "mcp_server_time"], envNames: ["TZ"]),
                              package: "mcp-server-time", version: "2025.9.25", tags: ["pypi"])
    let remote = ManifestEntry(id: "remote.api", name: "Remote", launch: .remote(url: "https://example.invalid/mcp", headerNames: ["Authorization"]))

    @Test func manifestRoundTripsCanonically() async throws {
        try await withTemporaryDirectory { root in
            let store = try store(at: root, CatalogueManifest(servers: [stdio, remote]))
            #expect(try store.readManifest() == CatalogueManifest(servers: [stdio, remote]))
            let text = try String(contentsOf: store.manifestURL, encoding: .utf8)
            #expect(text.hasSuffix("}\n"))
            #expect(text.contains("\"envNames\": [\n"))
            // Keys sorted: args before command before envNames before id.
            let keys = ["\"args\"", "\"command\"", "\"envNames\"", "\"id\""].map { text.range(of: $0)!.lowerBound }
            #expect(keys == keys.sorted())
        }
    }

    @Test func headerValuesComeFromNamedEnvironmentVariables() {
        #expect(ManifestEntry.headerEnvironmentName("X-Api-Key") == "MCPRISK_HEADER_X_API_KEY")
    }

    @Test(arguments: [
        (#"{"schemaVersion":1,"servers":[],"extra":1}"#, "unknown key \"extra\""),
        (#"{"schemaVersion":2,"servers":[]}"#, "schemaVersion 2 is newer"),
        (#"{"servers":[]}"#, "missing required key \"schemaVersion\""),
        (#"{"schemaVersion":1,"servers":[{"id":"a","name":"A","command":"x","envVars":{}}]}"#, "unknown key \"servers[0].envVars\""),
        (#"{"schemaVersion":1,"servers":[{"id":"A b","name":"A","command":"x"}]}"#, "servers[0].id"),
        (#"{"schemaVersion":1,"servers":[{"id":"a","name":"A","command":"x","url":"https://x"}]}"#, "exactly one of"),
        (#"{"schemaVersion":1,"servers":[{"id":"a","name":"A","command":"x","envNames":["TOKEN=abc"]}]}"#, "names only"),
        (#"{"schemaVersion":1,"servers":[{"id":"a","name":"A","command":"x"},{"id":"a","name":"B","command":"y"}]}"#, "appears twice"),
        (#"{"schemaVersion":1,"servers":[{"id":"a","name":"A","url":"file:///etc/passwd"}]}"#, "http://"),
        (#"{"schemaVersion":1,"servers":[{"id":"a","name":7,"command":"x"}]}"#, "expected string, found number"),
        ("not json", "invalid JSON"),
    ])
    func manifestErrorsNameFileAndKey(text: String, expected: String) {
        #expect {
            _ = try CatalogueManifest(fileBytes: Array(text.utf8), path: "catalogue/manifest.json")
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix("catalogue/manifest.json: ") && message.contains(expected)
        }
    }

    @Test func snapshotRoundTripsAndHashesLeaveOutTheName() async throws {
        try await withTemporaryDirectory { root in
            let store = CatalogueStore(root: root)
            let snapshot = StoredSnapshot(serverId: "time", capturedAt: Timestamp(fixedNow()), mcpriskVersion: "0.1.0",
                                          snapshot: completeSnapshot([tool("get_time"), tool("b_tool", "Other.")]))
            try store.writeSnapshot(snapshot)
            #expect(try store.readSnapshot(id: "time") == snapshot)
            #expect(snapshot.toolHashes["get_time"] == ToolHash.sha256(of: tool("renamed")))
            #expect(snapshot.toolHashes["get_time"] != snapshot.toolHashes["b_tool"])
            let text = try String(contentsOf: store.snapshotURL(id: "time"), encoding: .utf8)
            #expect(text.contains("\"capturedAt\": \"2026-09-21T14:13:20Z\""))
            // Writing the same content again leaves the file alone and leaves no temporary files.
            try store.writeSnapshot(snapshot)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("servers/time").path) == ["snapshot.json"])
        }
    }

    @Test func handEditedSnapshotIsRejected() async throws {
        try await withTemporaryDirectory { root in
            let store = CatalogueStore(root: root)
            try store.writeSnapshot(StoredSnapshot(serverId: "s", capturedAt: Timestamp(fixedNow()), mcpriskVersion: "0.1.0",
                                                   snapshot: completeSnapshot([tool("get_time", "Returns the time.")])))
            let url = store.snapshotURL(id: "s")
            let edited = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "Returns the time.", with: "Returns the date.")
            try edited.write(to: url, atomically: false, encoding: .utf8)
            #expect(throws: CatalogueError.hashMismatch(path: url.path, tool: "get_time")) { try store.readSnapshot(id: "s") }
        }
    }

    @Test(arguments: [
        ("\"mcpriskVersion\"", "\"comment\": 1, \"mcpriskVersion\"", "unknown key \"comment\""),
        ("\"prompts\"", "\"logs\": [], \"prompts\"", "unknown key \"definitions.logs\""),
        ("\"schemaVersion\": 1", "\"schemaVersion\": 9", "schemaVersion 9 is newer"),
        ("\"capturedAt\": \"2026-09-21T14:13:20Z\"", "\"capturedAt\": \"yesterday\"", "ISO-8601"),
    ])
    func snapshotErrorsNameFileAndKey(find: String, replace: String, expected: String) async throws {
        try await withTemporaryDirectory { root in
            let store = CatalogueStore(root: root)
            try store.writeSnapshot(StoredSnapshot(serverId: "s", capturedAt: Timestamp(fixedNow()), mcpriskVersion: "0.1.0",
                                                   snapshot: completeSnapshot([tool("t")])))
            let url = store.snapshotURL(id: "s")
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(find))
            try text.replacingOccurrences(of: find, with: replace).write(to: url, atomically: false, encoding: .utf8)
            #expect { try store.readSnapshot(id: "s") } throws: { error in
                let message = String(describing: error)
                return message.hasPrefix(url.path + ": ") && message.contains(expected)
            }
        }
    }

    @Test func statusRecordsFailureStreaks() async throws {
        try await withTemporaryDirectory { root in
            let store = CatalogueStore(root: root)
            let t0 = Timestamp(secondsSince1970: 1_790_000_000), t1 = Timestamp(secondsSince1970: 1_790_086_400)
            let status = ServerStatus(serverId: "s").succeeded(at: t0)
                .failed(kind: "timeout", message: "slow", at: t0)
                .failed(kind: "server-exited", message: String(repeating: "x", count: 5000), at: t1)
            #expect(status.failure?.consecutiveFailures == 2)
            #expect(status.failure?.since == t0)
            #expect(status.failure?.at == t1)
            #expect(status.lastSuccessAt == t0)
            #expect(status.failure!.message.count <= ServerStatus.maxMessageCharacters + 1)
            try store.writeStatus(status)
            #expect(try store.readStatus(id: "s") == status)
            #expect(status.succeeded(at: t1).failure == nil)
            let url = store.statusURL(id: "s")
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"kind\"", with: "\"reason\"")
            try text.write(to: url, atomically: false, encoding: .utf8)
            #expect { try store.readStatus(id: "s") } throws: { String(describing: $0).contains("failure.") }
        }
    }

    @Test func lockSweepsTemporaryFilesAKilledWriterLeft() async throws {
        try await withTemporaryDirectory { root in
            let store = CatalogueStore(root: root)
            try store.writeStatus(ServerStatus(serverId: "s"))
            let leftover = root.appendingPathComponent("servers/s/\(AtomicFile.temporaryPrefix)snapshot.json.123.abcd")
            try "{\"torn".write(to: leftover, atomically: false, encoding: .utf8)
            let lock = try store.lock()
            defer { lock.release() }
            #expect(!FileManager.default.fileExists(atPath: leftover.path))
            #expect(try store.readStatus(id: "s") == ServerStatus(serverId: "s"))
        }
    }
}

/// The sample catalogue shipped in the repository.
@Suite struct SampleCatalogueTests {
    @Test func sampleManifestIsValidAndCanonical() throws {
        let url = RepoPaths.file("catalogue/manifest.json")
        let bytes = Array(try Data(contentsOf: url))
        let manifest = try CatalogueManifest(fileBytes: bytes, path: url.path)
        #expect(manifest.servers.count >= 5)
        #expect(CatalogueStore.fileBytes(manifest.json) == bytes, "rewrite it with the canonical writer")
        // Third-party servers run without network.
        for entry in manifest.servers where entry.package != nil {
            guard case .stdio(let command, let args, _) = entry.launch else { Issue.record("\(entry.id) is not stdio"); continue }
            #expect(command == "unshare" && args.first == "-rn", "\(entry.id) must run inside unshare -rn")
        }
    }

    @Test func storedSampleFilesReadStrictly() throws {
        let store = CatalogueStore(root: RepoPaths.file("catalogue"))
        let manifest = try store.readManifest()
        for id in try store.storedServerIds() {
            #expect(manifest.entry(id: id) != nil, "\(id) has files but no manifest entry")
            let record = try store.readRecord(id: id)
            #expect(record.status != nil)
            if let snapshot = record.snapshot {
                let text = try String(contentsOf: store.snapshotURL(id: id), encoding: .utf8)
                #expect(CatalogueStore.fileBytes(snapshot.json) == Array(text.utf8))
            }
        }
    }
}
