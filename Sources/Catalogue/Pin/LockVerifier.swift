import Definitions
import JSON
import Risk

/// What differs between a lock file and a fresh scan.
public struct Drift: Sendable, Hashable {
    /// One difference.
    public enum Change: Sendable, Hashable {
        /// A pinned server was not scanned successfully (gone, failing, or not reachable).
        case serverMissing(server: String)
        /// A scanned server is not in the lock file.
        case serverAdded(server: String)
        /// A tool appeared.
        case toolAdded(server: String, tool: LockedTool)
        /// A tool disappeared.
        case toolRemoved(server: String, tool: LockedTool)
        /// A tool kept its definition under a new name.
        case toolRenamed(server: String, from: String, to: String)
        /// A tool kept its name and changed its definition or category; `detail` says what changed when
        /// the lock file kept the old definition (version 2).
        case toolChanged(server: String, before: LockedTool, after: LockedTool, detail: ToolChange?)
        /// A changed tool that gained a threat finding or a more dangerous category: a finding of its own.
        case possibleRugPull(server: String, change: ToolChange)

        /// A stable machine name.
        public var kind: String {
            switch self {
            case .serverMissing: "server-missing"
            case .serverAdded: "server-added"
            case .toolAdded: "tool-added"
            case .toolRemoved: "tool-removed"
            case .toolRenamed: "tool-renamed"
            case .toolChanged: "tool-changed"
            case .possibleRugPull: "possible-rug-pull"
            }
        }

        /// The server the change is about.
        public var server: String {
            switch self {
            case .serverMissing(let s), .serverAdded(let s), .toolAdded(let s, _), .toolRemoved(let s, _), .toolRenamed(let s, _, _),
                 .toolChanged(let s, _, _, _), .possibleRugPull(let s, _): s
            }
        }

        /// The tool's definition now, when the change has one (for acceptances, which name definitions).
        public var currentDefinition: (tool: String, definition: JSONValue)? {
            switch self {
            case .toolAdded(_, let t): t.definition.map { (t.name, $0) }
            case .toolChanged(_, _, let t, _): t.definition.map { (t.name, $0) }
            default: nil
            }
        }

        /// What changed, one line each, after `line` (the short diff, and the new findings).
        public var detailLines: [String] {
            switch self {
            case .toolChanged(_, _, _, let detail?): detail.changes.map(\.summary)
            case .possibleRugPull(_, let change): change.gainedFindings.map { "new finding: " + $0.summary }
            default: []
            }
        }

        /// One line for the terminal (names are quoted as given; the CLI escapes for the terminal).
        public var line: String {
            switch self {
            case .serverMissing(let s): return "\(s): server not scanned (pinned, but missing or failing now)"
            case .serverAdded(let s): return "\(s): server not in the lock file"
            case .toolAdded(let s, let t): return "\(s): tool \"\(t.name)\" added (\(t.category.rawValue))"
            case .toolRemoved(let s, let t): return "\(s): tool \"\(t.name)\" removed"
            case .toolRenamed(let s, let a, let b): return "\(s): tool \"\(a)\" renamed to \"\(b)\" (same definition)"
            case .possibleRugPull(let s, let c):
                return "\(s): POSSIBLE RUG PULL: tool \"\(c.name)\" " + c.rugPullReasons.joined(separator: "; ") + " (name kept, definition changed)"
            case .toolChanged(let s, let a, let b, _):
                var what = a.sha256 == b.sha256 ? "" : "definition changed (\(a.sha256.prefix(12))… → \(b.sha256.prefix(12))…)"
                if a.category != b.category {
                    what += (what.isEmpty ? "" : "; ") + "category \(a.category.rawValue) → \(b.category.rawValue)\(b.category > a.category ? " (rose)" : "")"
                }
                return "\(s): tool \"\(a.name)\" \(what)"
            }
        }
    }

    /// The differences, server by server.
    public var changes: [Change]

    /// True when the scan matches the lock file.
    public var isEmpty: Bool { changes.isEmpty }

    /// The differences as JSON.
    public var json: JSONValue {
        .array(changes.map { c in
            var o = JSONObject([("kind", .string(c.kind)), ("message", .string(c.line))])
            switch c {
            case .serverMissing(let s), .serverAdded(let s): o["server"] = .string(s)
            case .toolAdded(let s, let t), .toolRemoved(let s, let t): o["server"] = .string(s); o["tool"] = .string(t.name)
            case .toolRenamed(let s, let a, let b): o["server"] = .string(s); o["from"] = .string(a); o["to"] = .string(b)
            case .toolChanged(let s, let a, let b, let detail):
                o["server"] = .string(s); o["tool"] = .string(a.name)
                o["before"] = ["category": .string(a.category.rawValue), "sha256": .string(a.sha256)]
                o["after"] = ["category": .string(b.category.rawValue), "sha256": .string(b.sha256)]
                if let detail { o["changes"] = .array(detail.changes.map(\.json)); o["gainedFindings"] = .array(detail.gainedFindings.map(\.json)) }
            case .possibleRugPull(let s, let c):
                o["server"] = .string(s); o["tool"] = .string(c.name)
                o["reasons"] = .array(c.rugPullReasons.map { .string($0) })
                o["gainedFindings"] = .array(c.gainedFindings.map(\.json))
            }
            return .object(o)
        })
    }
}

/// Compares a lock file with a fresh scan.
public enum LockVerifier {
    /// The drift from `lock` to `current` (server label → its tools now; leave out servers whose scan
    /// failed). Where both definitions of a changed tool are known, `assess` re-runs the rules on each,
    /// so the drift says what changed and whether the tool became more dangerous.
    public static func compare(lock: LockFile, current: [String: [LockedTool]],
                               assess: (ReviewedServer) -> ServerAssessment = { Assessor().assess($0) }) -> Drift {
        var changes: [Drift.Change] = []
        let pinned = Dictionary(lock.servers.map { ($0.name, $0.tools) }, uniquingKeysWith: { a, _ in a })
        for server in lock.servers.map(\.name) {
            guard let now = current[server] else { changes.append(.serverMissing(server: server)); continue }
            changes += explained(compare(server: server, before: pinned[server] ?? [], after: now),
                                 before: pinned[server] ?? [], after: now, assess: assess)
        }
        for server in current.keys.sorted() where pinned[server] == nil { changes.append(.serverAdded(server: server)) }
        return Drift(changes: changes)
    }

    private static func compare(server: String, before: [LockedTool], after: [LockedTool]) -> [Drift.Change] {
        let old = Dictionary(before.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var gone = before.filter { new[$0.name] == nil }.sorted()
        var added = after.filter { old[$0.name] == nil }.sorted()
        var changes: [Drift.Change] = []
        for tool in gone {
            if let match = added.first(where: { $0.sha256 == tool.sha256 }) {
                changes.append(.toolRenamed(server: server, from: tool.name, to: match.name))
                added.removeAll { $0 == match }
                gone.removeAll { $0 == tool }
            }
        }
        changes += gone.map { .toolRemoved(server: server, tool: $0) }
        changes += added.map { .toolAdded(server: server, tool: $0) }
        for tool in before.sorted() {
            if let now = new[tool.name], now != tool { changes.append(.toolChanged(server: server, before: tool, after: now, detail: nil)) }
        }
        return changes
    }

    /// The changes with what changed in each changed tool, and a possible rug pull after each that
    /// became more dangerous. The rules run once on each version of the server's pinned tools.
    private static func explained(_ changes: [Drift.Change], before: [LockedTool], after: [LockedTool],
                                  assess: (ReviewedServer) -> ServerAssessment) -> [Drift.Change] {
        let changed = changes.contains {
            if case .toolChanged(_, let a, let b, _) = $0 { return a.definition != nil && b.definition != nil }
            return false
        }
        guard changed else { return changes }
        let oldTools = before.compactMap(\.definition), newTools = after.compactMap(\.definition)
        let oldAssessment = assess(ReviewedServer(ServerDefinitions(tools: oldTools), name: "pinned"))
        let newAssessment = assess(ReviewedServer(ServerDefinitions(tools: newTools), name: "current"))
        func verdict(_ name: String, _ a: ServerAssessment) -> ToolAssessment? { a.tools.first { $0.name == name } }
        var out: [Drift.Change] = []
        for change in changes {
            guard case .toolChanged(let server, let a, let b, _) = change, let old = a.definition, let new = b.definition,
                  let was = verdict(a.name, oldAssessment), let now = verdict(b.name, newAssessment) else { out.append(change); continue }
            let gained = ToolChange.gained(old: oldAssessment.findings, oldPointer: was.pointer, new: newAssessment.findings, newPointer: now.pointer)
            let detail = ToolChange(name: a.name, old: old, new: new, before: ToolRef(name: a.name, category: a.category, severity: was.severity),
                                    after: ToolRef(name: b.name, category: b.category, severity: now.severity), gainedFindings: gained)
            out.append(.toolChanged(server: server, before: a, after: b, detail: detail))
            if detail.possibleRugPull { out.append(.possibleRugPull(server: server, change: detail)) }
        }
        return out
    }
}
