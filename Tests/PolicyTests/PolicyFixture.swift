import DemoServer
import Foundation
import JSON
import Risk
import TestSupport

/// A hand-written server snapshot for policy tests: the tools' raw JSON plus the assessment the
/// classifier would give them (built by hand, so these tests do not depend on the classifier).
struct PolicyFixture {
    let name: String
    let serverName: String
    let tools: [JSONValue]
    let assessment: ServerAssessment

    /// Hand-written snapshots, the demo server (hand-labelled), and real servers' snapshots from
    /// the evaluation set (`real-<server>`, categories from its hand labels).
    static let all = ["git", "payments", "shell", "dbadmin", "hostile", "demo"] + realServers.map { "real-\($0)" }
    static let realServers = ["mcp-server-git", "mcp-server-paystack", "mcp-shell-server", "mcp-server-sqlite", "square-mcp"]

    static func load(_ name: String) throws -> PolicyFixture {
        if name.hasPrefix("real-") { return try real(String(name.dropFirst(5))) }
        let text = try RepoPaths.text("Tests/PolicyTests/Fixtures/\(name).json")
        let root = try JSONParser().parse(text).value
        let tools = root["toolsFrom"]?.stringValue == "demo-server" ? DemoServer().tools : root["tools"]?.arrayValue ?? []
        let assessed = (root["assessment"]?["tools"]?.arrayValue ?? []).enumerated().map { i, t in tool(t, index: i, raw: tools) }
        let findings = (root["assessment"]?["findings"]?.arrayValue ?? []).map(finding)
        return PolicyFixture(name: name, serverName: root["serverName"]?.stringValue ?? name, tools: tools,
                             assessment: ServerAssessment(tools: assessed, findings: findings))
    }

    /// Every server of the evaluation set.
    static func realServerNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: RepoPaths.file("Tests/Fixtures/eval/snapshots").path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A real server's snapshot with its hand labels (Tests/Fixtures/eval/labels.tsv) as the
    /// assessment: one piece of evidence per tool, quoting the name.
    static func real(_ server: String) throws -> PolicyFixture {
        let root = try JSONParser().parse(try RepoPaths.text("Tests/Fixtures/eval/snapshots/\(server).json")).value
        let tools = root["tools"]?.arrayValue ?? []
        var labels: [String: Category] = [:]
        for line in try RepoPaths.text("Tests/Fixtures/eval/labels.tsv").split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f.count >= 3, f[0] == server, let c = Category(rawValue: f[2]) { labels[f[1]] = c }
        }
        let assessed = tools.enumerated().compactMap { i, t -> ToolAssessment? in
            guard let name = t["name"]?.stringValue else { return nil }
            let c = labels[name] ?? .read
            let e = Evidence(ruleId: "hand-label", category: c, weight: 3, quote: name,
                             pointer: JSONPointer(tokens: ["tools", String(i), "name"]), reason: "hand label in labels.tsv")
            return ToolAssessment(name: name, pointer: JSONPointer(tokens: ["tools", String(i)]), category: c, severity: c.baseSeverity,
                                  confidence: .high, evidence: [e], annotations: DeclaredAnnotations(tool: t))
        }
        return PolicyFixture(name: "real-\(server)", serverName: root["serverInfo"]?["name"]?.stringValue ?? server, tools: tools,
                             assessment: ServerAssessment(tools: assessed, findings: []))
    }

    static func tool(_ t: JSONValue, index: Int, raw: [JSONValue]) -> ToolAssessment {
        let category = Category(rawValue: t["category"]?.stringValue ?? "") ?? .read
        return ToolAssessment(
            name: t["name"]?.stringValue ?? "",
            pointer: JSONPointer(t["pointer"]?.stringValue ?? "/tools/\(index)") ?? .root,
            category: category,
            severity: Severity(rawValue: t["severity"]?.stringValue ?? "") ?? category.baseSeverity,
            confidence: Confidence(rawValue: t["confidence"]?.stringValue ?? "") ?? .high,
            evidence: (t["evidence"]?.arrayValue ?? []).map(evidence),
            actions: (t["actions"]?.arrayValue ?? []).map { a in
                let c = Category(rawValue: a["category"]?.stringValue ?? "") ?? .read
                return ActionAssessment(value: a["value"]?.stringValue ?? "", parameter: a["parameter"]?.stringValue ?? "action",
                                        category: c, severity: c.baseSeverity, evidence: (a["evidence"]?.arrayValue ?? []).map(evidence))
            },
            signals: (t["signals"]?.arrayValue ?? []).map { Signal(id: $0["id"]?.stringValue ?? "", title: $0["title"]?.stringValue ?? "", path: $0["path"]?.stringValue) },
            severityRaisedBy: (t["severityRaisedBy"]?.arrayValue ?? []).compactMap(\.stringValue),
            annotations: DeclaredAnnotations(tool: raw.indices.contains(index) ? raw[index] : .null))
    }

    static func evidence(_ e: JSONValue) -> Evidence {
        Evidence(ruleId: e["ruleId"]?.stringValue ?? "", category: Category(rawValue: e["category"]?.stringValue ?? "") ?? .read,
                 weight: e["weight"]?.intValue ?? 1, quote: e["quote"]?.stringValue ?? "",
                 pointer: JSONPointer(e["pointer"]?.stringValue ?? "") ?? .root, reason: e["reason"]?.stringValue ?? "")
    }

    static func finding(_ f: JSONValue) -> Finding {
        let l = f["location"]
        return Finding(ruleId: f["ruleId"]?.stringValue ?? "", severity: Severity(rawValue: f["severity"]?.stringValue ?? "") ?? .high,
                       confidence: Confidence(rawValue: f["confidence"]?.stringValue ?? "") ?? .high,
                       message: f["message"]?.stringValue ?? "", quote: f["quote"]?.stringValue ?? "",
                       location: Location(kind: Location.Kind(rawValue: l?["kind"]?.stringValue ?? "") ?? .tool, name: l?["name"]?.stringValue,
                                          pointer: JSONPointer(l?["pointer"]?.stringValue ?? "") ?? .root))
    }
}
