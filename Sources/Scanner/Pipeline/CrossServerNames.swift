import Risk

/// The tool names of every server of one scan, gathered in a first pass that keeps nothing else, so
/// each server can later be checked against the others (name collisions, shadowing) while only it is
/// in memory. `others(of:)` gives exactly what `Assessor.assess(servers:)` would hand that server.
struct CrossServerNames: Sendable {
    /// One server's name (as the rules see it) and its tools' names.
    struct Entry: Sendable {
        var serverName: String
        var toolNames: [String]
    }

    private let entries: [Entry]
    /// Every server's entry keyed as `Assessor.assess(servers:)` keys them when no server is left out.
    private let all: [String: [String]]
    /// Each server's key in `all`.
    private let keys: [String]
    /// The first server of each name.
    private let firstOfName: [String: Int]
    /// A server name holds `#`, so a numbered key could meet a real name: keys are then built the
    /// slow way, server by server, exactly as the assessor does.
    private let slowPath: Bool

    init(_ entries: [Entry]) {
        self.entries = entries
        var all: [String: [String]] = [:]
        var keys: [String] = []
        var first: [String: Int] = [:]
        for (j, e) in entries.enumerated() {
            var key = e.serverName
            if all[key] != nil { key = "\(key)#\(j + 1)" }
            all[key] = e.toolNames
            keys.append(key)
            if first[e.serverName] == nil { first[e.serverName] = j }
        }
        self.all = all
        self.keys = keys
        firstOfName = first
        slowPath = entries.contains { $0.serverName.utf8.contains(UInt8(ascii: "#")) }
    }

    /// The other servers' tool names for server `i`, keyed by server name (`name#N` for the N-th
    /// server when the name is taken, as `Assessor.assess(servers:)` keys them).
    func others(of i: Int) -> [String: [String]] {
        guard entries.count > 1 else { return [:] }
        let own = entries[i].serverName
        if slowPath { return slowOthers(of: i) }
        // Without `#` in any name the keys of servers named differently from `own` are the same with or
        // without server i; those named like it are always numbered.
        var out = all
        out[keys[i]] = nil
        if let f = firstOfName[own], f != i {
            out[own] = nil
            out["\(own)#\(f + 1)"] = entries[f].toolNames
        }
        return out
    }

    private func slowOthers(of i: Int) -> [String: [String]] {
        var others: [String: [String]] = [:]
        for (j, other) in entries.enumerated() where j != i {
            var key = other.serverName
            if key == entries[i].serverName || others[key] != nil { key = "\(key)#\(j + 1)" }
            others[key] = other.toolNames
        }
        return others
    }
}
