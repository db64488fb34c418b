import Definitions
import Foundation
import JSON
import MCPClient
import Risk
@testable import Catalogue

/// A fresh temporary folder, removed when the value is dropped by `withTemporaryDirectory`.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async rethrows -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-catalogue-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// A fixed clock.
let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_790_000_000) }

/// A classifier for tests: the name's leading verb decides (delete → destructive, run → execute,
/// write/create → write, pay → financial, else read); severity is the category's base.
let fakeAssess: CatalogueRefresher.Assess = { definitions in
    let tools = definitions.tools.enumerated().map { i, tool -> ToolAssessment in
        let name = tool["name"]?.stringValue ?? ""
        let description = tool["description"]?.stringValue ?? ""
        let category: Category =
            name.hasPrefix("delete") || description.contains("permanently") ? .destructive
            : name.hasPrefix("run") ? .execute
            : name.hasPrefix("pay") ? .financial
            : name.hasPrefix("write") || name.hasPrefix("create") ? .write
            : .read
        return ToolAssessment(name: name, pointer: JSONPointer(tokens: ["tools", String(i)]), category: category,
                              severity: category.baseSeverity, confidence: .medium, evidence: [],
                              annotations: DeclaredAnnotations(tool: tool))
    }
    return ServerAssessment(tools: tools, findings: [])
}

/// A tool object.
func tool(_ name: String, _ description: String = "Does a thing.", properties: JSONValue = [:], required: [String] = [],
          annotations: JSONValue? = nil) -> JSONValue {
    var o = JSONObject([("name", .string(name)), ("description", .string(description)),
                        ("inputSchema", ["type": "object", "properties": properties, "required": .array(required.map { .string($0) })])])
    if let annotations { o["annotations"] = annotations }
    return .object(o)
}

/// A complete crawl result with `tools`.
func completeSnapshot(_ tools: [JSONValue], name: String = "fake", version: String = "1.0") -> ServerSnapshot {
    ServerSnapshot(target: name, definitions: ServerDefinitions(
        serverInfo: ["name": .string(name), "version": .string(version)], protocolVersion: "2025-06-18",
        capabilities: ["tools": [:]], tools: tools))
}

/// A manifest of stdio entries with these ids.
func manifest(_ ids: [String]) -> CatalogueManifest {
    CatalogueManifest(servers: ids.map { ManifestEntry(id: $0, name: "Server \($0)", launch: .stdio(command: "fake", args: [$0], envNames: [])) })
}

/// A store at `root` holding `manifest`.
func store(at root: URL, _ manifest: CatalogueManifest) throws -> CatalogueStore {
    let store = CatalogueStore(root: root)
    try store.writeManifest(manifest)
    return store
}

/// Waits without ever honouring cancellation, like a crawl stuck in a blocking call. The
/// continuations are kept (never dropped) so the runtime does not report them as leaked.
actor Hang {
    static let shared = Hang()
    private var parked: [CheckedContinuation<Void, Never>] = []
    func forever() async { await withCheckedContinuation { parked.append($0) } }
}

/// Counts crawls in flight and the most seen at once.
final class InFlight: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var maximum = 0
    private(set) var started: [String] = []

    func enter(_ id: String) { lock.lock(); current += 1; maximum = max(maximum, current); started.append(id); lock.unlock() }
    func leave() { lock.lock(); current -= 1; lock.unlock() }
    var peak: Int { lock.lock(); defer { lock.unlock() }; return maximum }
}

/// Every file under `root` (relative path → bytes), skipping the lock and temporary files.
func files(under root: URL) -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    guard let e = FileManager.default.enumerator(atPath: root.path) else { return out }
    while let rel = e.nextObject() as? String {
        var isDir: ObjCBool = false
        let path = root.appendingPathComponent(rel).path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
        if let d = FileManager.default.contents(atPath: path) { out[rel] = Array(d) }
    }
    return out
}
