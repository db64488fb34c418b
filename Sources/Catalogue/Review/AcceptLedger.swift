import Foundation

/// An accept file applied to one run: looks up each tool and finding by server and fingerprint,
/// remembers which entries matched, and says afterwards which expired and which matched nothing.
public struct AcceptLedger: Sendable {
    /// What an entry did for one item.
    public struct Match: Sendable, Hashable {
        /// The entry.
        public var entry: AcceptFile.Entry
        /// True when the entry ran out before today: the item is shown with it but counts again.
        public var expired: Bool
    }

    /// The file applied.
    public let file: AcceptFile
    private let now: Date
    private var byKey: [String: AcceptFile.Entry] = [:]
    private var used = Set<Int>()
    private var mismatched: [Int: String] = [:]

    /// A ledger for `file`, judging expiry against `now`.
    public init(file: AcceptFile, now: Date) {
        self.file = file
        self.now = now
        for e in file.entries { byKey[e.server + "\u{0}" + e.fingerprint] = e }
    }

    /// The entry accepting `fingerprint` on `server`, if any. `name` (a tool's, or the tool a finding is
    /// on) and `rule` are checked against the entry's optional `tool` and `rule`.
    public mutating func match(server: String, fingerprint: String, name: String?, rule: String?) -> Match? {
        guard let e = byKey[server + "\u{0}" + fingerprint] else { return nil }
        if let tool = e.tool, tool != name {
            mismatched[e.number] = "its fingerprint is of \(name.map { "\"\($0)\"" } ?? "an item on the server itself"), not tool \"\(tool)\""
            return nil
        }
        if let expected = e.rule, expected != rule {
            mismatched[e.number] = "its fingerprint is of a \(rule ?? "tool") finding, not \(expected)"
            return nil
        }
        used.insert(e.number)
        return Match(entry: e, expired: e.isExpired(now: now))
    }

    /// Takes in what `other` (the same file, applied to later items) matched and did not, as if its
    /// items had been looked up here: so servers can be reviewed one by one and their ledgers joined.
    public mutating func absorb(_ other: AcceptLedger) {
        used.formUnion(other.used)
        for (number, why) in other.mismatched { mismatched[number] = why }
    }

    /// What to tell the reader once every item was looked up: expired entries (the item counts again),
    /// entries that matched nothing among `servers` (the definition changed or is gone), and entries
    /// naming a server not in the run (reported only when `servers` is every server the run could scan).
    public func notes(servers: Set<String>, everyServerScanned: Bool) -> [String] {
        var out: [String] = []
        for e in file.entries {
            let name = "\(file.path) \(e.label)"
            if used.contains(e.number) {
                if e.isExpired(now: now) { out.append("\(name) expired on \(e.expires ?? "?"); the item counts again") }
            } else if let why = mismatched[e.number] {
                out.append("\(name) does not apply: \(why)")
            } else if servers.contains(e.server) {
                out.append("\(name) matches nothing: the \(e.isTool ? "tool's definition" : "finding") changed or is gone; review it again")
            } else if everyServerScanned {
                out.append("\(name) names a server that is not in this run")
            }
        }
        return out
    }
}
