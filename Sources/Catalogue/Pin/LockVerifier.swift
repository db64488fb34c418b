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
        /// A tool kept its name and changed its definition or category.
        case toolChanged(server: String, before: LockedTool, after: LockedTool)

        /// A stable machine name.
        public var kind: String {
            switch self {
            case .serverMissing: "server-missing"
            case .serverAdded: "server-added"
            case .toolAdded: "tool-added"
            case .toolRemoved: "tool-removed"
            case .toolRenamed: "tool-renamed"
            case .toolChanged: "tool-changed"
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
            case .toolChanged(let s, let a, let b):
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
            case .toolChanged(let s, let a, let b):
                o["server"] = .string(s); o["tool"] = .string(a.name)
                o["before"] = ["category": .string(a.category.rawValue), "sha256": .string(a.sha256)]
                o["after"] = ["category": .string(b.category.rawValue), "sha256": .string(b.sha256)]
            }
            return .object(o)
        })
    }
}

/// Compares a lock file with a fresh scan.
public enum LockVerifier {
    /// The drift from `lock` to `current` (server label → its tools now; leave out servers whose scan failed).
    public static func compare(lock: LockFile, current: [String: [LockedTool]]) -> Drift {
        var changes: [Drift.Change] = []
        let pinned = Dictionary(lock.servers.map { ($0.name, $0.tools) }, uniquingKeysWith: { a, _ in a })
        for server in lock.servers.map(\.name) {
            guard let now = current[server] else { changes.append(.serverMissing(server: server)); continue }
            changes += compare(server: server, before: pinned[server] ?? [], after: now)
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
            if let now = new[tool.name], now != tool { changes.append(.toolChanged(server: server, before: tool, after: now)) }
        }
        return changes
    }
}
