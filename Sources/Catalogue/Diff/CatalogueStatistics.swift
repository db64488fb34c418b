import JSON
import Risk

/// Catalogue-wide counts, like PolicyLayer's risk page: tools and servers per category and severity,
/// derived from the stored snapshots by the classifier.
public struct CatalogueStatistics: Sendable, Hashable {
    /// One server's line in the statistics.
    public struct ServerLine: Sendable, Hashable {
        /// The manifest id.
        public var id: String
        /// The display name.
        public var name: String
        /// Tools in its last good snapshot (nil when it has none).
        public var tools: Int?
        /// Its tools per category.
        public var byCategory: [Category: Int]
        /// The highest tool or finding severity.
        public var highestSeverity: Severity?
        /// True when its last refresh failed.
        public var failing: Bool
    }

    /// Servers in the manifest.
    public var servers: Int
    /// Servers with a good snapshot.
    public var serversWithSnapshot: Int
    /// Servers whose last refresh failed.
    public var serversFailing: Int
    /// Tools across all snapshots.
    public var tools: Int
    /// Tools per category.
    public var toolsByCategory: [Category: Int]
    /// Tools per severity.
    public var toolsBySeverity: [Severity: Int]
    /// Servers with at least one tool of each category.
    public var serversByCategory: [Category: Int]
    /// Servers per highest severity (tools and findings).
    public var serversByHighestSeverity: [Severity: Int]
    /// Findings per severity.
    public var findingsBySeverity: [Severity: Int]
    /// One line per manifest server, in manifest order.
    public var perServer: [ServerLine]

    /// Statistics of the catalogue state `records` for the servers of `manifest`.
    public init(manifest: CatalogueManifest, records: [String: ServerRecord], assess: CatalogueRefresher.Assess) {
        self.init(manifest: manifest)
        for entry in manifest.servers {
            let record = records[entry.id]
            count(id: entry.id, record: record, assessment: record?.snapshot.map { assess($0.reviewed) })
        }
    }

    /// Empty statistics for `manifest`'s servers, to be filled one server at a time with `count`.
    public init(manifest: CatalogueManifest) {
        servers = manifest.servers.count
        serversWithSnapshot = 0; serversFailing = 0; tools = 0
        toolsByCategory = [:]; toolsBySeverity = [:]; serversByCategory = [:]; serversByHighestSeverity = [:]; findingsBySeverity = [:]
        perServer = manifest.servers.map { ServerLine(id: $0.id, name: $0.name, tools: nil, byCategory: [:], highestSeverity: nil, failing: false) }
        lineIndex = Dictionary(manifest.servers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private var lineIndex: [String: Int] = [:]

    /// Counts one server's record (and the assessment of its snapshot); ids not in the manifest are ignored.
    public mutating func count(id: String, record: ServerRecord?, assessment: ServerAssessment?) {
        guard let line = lineIndex[id] else { return }
        let failing = record?.status?.failure != nil
        if failing { serversFailing += 1 }
        perServer[line].failing = failing
        guard record?.snapshot != nil, let assessment else { return }
        serversWithSnapshot += 1
        var byCategory: [Category: Int] = [:]
        for t in assessment.tools {
            tools += 1
            toolsByCategory[t.category, default: 0] += 1
            toolsBySeverity[t.severity, default: 0] += 1
            byCategory[t.category, default: 0] += 1
        }
        for c in byCategory.keys { serversByCategory[c, default: 0] += 1 }
        for f in assessment.findings { findingsBySeverity[f.severity, default: 0] += 1 }
        if let s = assessment.highestSeverity { serversByHighestSeverity[s, default: 0] += 1 }
        perServer[line].tools = assessment.tools.count
        perServer[line].byCategory = byCategory
        perServer[line].highestSeverity = assessment.highestSeverity
    }

    private static func counts<K: RawRepresentable & CaseIterable>(_ d: [K: Int]) -> JSONValue where K.RawValue == String {
        .object(JSONObject(K.allCases.map { ($0.rawValue, .int(d[$0] ?? 0)) }))
    }

    /// The statistics as JSON (`reports/catalogue-stats.json`).
    public var json: JSONValue {
        [
            "schemaVersion": 1,
            "servers": ["total": .int(servers), "withSnapshot": .int(serversWithSnapshot), "failing": .int(serversFailing),
                        "byCategory": Self.counts(serversByCategory), "byHighestSeverity": Self.counts(serversByHighestSeverity)],
            "tools": ["total": .int(tools), "byCategory": Self.counts(toolsByCategory), "bySeverity": Self.counts(toolsBySeverity)],
            "findings": ["bySeverity": Self.counts(findingsBySeverity)],
            "perServer": .array(perServer.map { line in
                var o = JSONObject([("id", .string(line.id)), ("name", .string(line.name)), ("failing", .bool(line.failing))])
                o["tools"] = line.tools.map { .int($0) } ?? .null
                o["byCategory"] = Self.counts(line.byCategory)
                o["highestSeverity"] = line.highestSeverity.map { .string($0.rawValue) } ?? .null
                return .object(o)
            }),
        ]
    }

    /// The statistics as Markdown (`reports/catalogue-stats.md`).
    public var markdown: String {
        var md = "# Catalogue statistics\n\n"
        md += "\(servers) servers in the manifest, \(serversWithSnapshot) with a snapshot, \(serversFailing) failing; \(tools) tools.\n\n"
        md += "| Category | Tools | Servers with such a tool |\n|---|---:|---:|\n"
        for c in Category.allCases { md += "| \(c.rawValue) | \(toolsByCategory[c] ?? 0) | \(serversByCategory[c] ?? 0) |\n" }
        md += "\n| Severity | Tools | Servers (highest) | Findings |\n|---|---:|---:|---:|\n"
        for s in Severity.allCases {
            md += "| \(s.rawValue) | \(toolsBySeverity[s] ?? 0) | \(serversByHighestSeverity[s] ?? 0) | \(findingsBySeverity[s] ?? 0) |\n"
        }
        md += "\n| Server | Tools | " + Category.allCases.map(\.rawValue).joined(separator: " | ") + " | Highest severity | Status |\n"
        md += "|---|---:|" + String(repeating: "---:|", count: Category.allCases.count) + "---|---|\n"
        for line in perServer {
            md += "| `\(line.id)` \(MarkdownText.escape(line.name, limit: 80)) | \(line.tools.map(String.init) ?? "–") | "
            md += Category.allCases.map { String(line.byCategory[$0] ?? 0) }.joined(separator: " | ")
            md += " | \(line.highestSeverity?.rawValue ?? "–") | \(line.failing ? "failing" : "ok") |\n"
        }
        return md
    }
}
