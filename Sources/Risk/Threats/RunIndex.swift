/// The names every server of one run offers, indexed once per run: tool names by lookalike skeleton and
/// by near spelling, and the tool names a description may mention. Cross-server rules look each tool
/// or word up here, so a run costs what its tools cost, not the square of its servers.
///
/// Built from a first pass over names only (`RunIndex.Server`), so a run that streams its servers can
/// index them all first and then assess them one at a time.
public final class RunIndex: Sendable {
    /// What the index needs of one server: its name and, per tool, the name and input property names.
    public struct Server: Sendable, Hashable {
        /// The server's name in this run.
        public var name: String
        /// Each tool's name and the names of its top-level input properties.
        public var tools: [Tool]

        /// One tool by name, with what the index keeps of its input properties (a hash of their sorted
        /// names and their count, not the names: a first pass over thousands of servers holds every tool).
        public struct Tool: Sendable, Hashable {
            public var name: String
            /// `RunIndex.signature` of the top-level property names.
            public var signature: UInt64
            /// How many top-level properties there are.
            public var propertyCount: Int
            /// A tool from its name and top-level property names.
            public init(name: String, properties: [String] = []) {
                self.name = name
                signature = RunIndex.signature(properties)
                propertyCount = properties.count
            }
        }

        /// A server from its parts.
        public init(name: String, tools: [Tool]) { self.name = name; self.tools = tools }

        /// The names of `server` (its tools with a string name, each with its top-level property names).
        public init(_ server: ReviewedServer) {
            name = server.name
            tools = server.tools.compactMap { tool in
                guard let name = tool["name"]?.stringValue else { return nil }
                return Tool(name: name, properties: (tool["inputSchema"]?["properties"]?.objectValue?.members ?? []).map(\.0))
            }
        }
    }

    /// One tool of the run.
    struct Entry: Sendable {
        /// The server's position in the run.
        let server: Int32
        /// The name as sent.
        let name: String
        /// The name lowercased.
        let lowercased: String
        /// The name as it looks (`Confusables.skeleton`).
        let skeleton: String
        /// A hash of its sorted property names, and how many there are.
        let signature: UInt64
        let propertyCount: Int
    }

    /// The servers' names, by position.
    let serverNames: [String]
    /// Every tool of every server.
    let entries: [Entry]
    /// Each distinct skeleton of the run, its spellings (lowercased names) and, per spelling, its entries.
    /// Servers that share a name share one skeleton and one spelling, so a lookup costs the variety of
    /// names near it, not how many servers offer them.
    private let skeletons: [Skeleton]
    /// Distinct skeletons by the hash of their text.
    private let skeletonsByHash: [UInt64: [Int32]]
    /// Distinct skeletons by the hashes of their text with one character removed (near spellings meet
    /// here), packed and sorted: the top bits of the hash above the skeleton's number. A run of 240,000
    /// names makes millions of these, so a flat array of 8 bytes each rather than a dictionary of arrays;
    /// a truncated hash that collides only adds a candidate the edit-distance check then drops.
    private let skeletonsByDeletion: [UInt64]
    /// Bits of a packed deletion entry that hold the skeleton's number (the rest hold the hash).
    private static let skeletonBits: UInt64 = 28

    /// One distinct skeleton and the tools that have it, grouped by spelling.
    struct Skeleton: Sendable {
        let text: String
        var spellings: [Spelling]
    }

    /// One lowercased name and the entries that spell it so.
    struct Spelling: Sendable {
        let lowercased: String
        var entries: [Int32]
    }

    /// How many tools of the run have each name word (`create`, `pull`): a typo's word is rare.
    private let wordCounts: [UInt64: Int32]
    /// The positions of the servers offering a tool, by the word hash a prose text gives its name
    /// (names that are not ordinary words only: `send_email`, `sendEmail`, `send-email`, `mail.send`).
    private let byMention: [UInt64: [Int32]]
    /// The same for names that are ordinary words (`query`, `search`): a text names one of these only
    /// when it also says whose tool it is ("the postgres query tool").
    private let byPlainName: [UInt64: [Int32]]

    /// An index of nothing: a server scanned alone.
    public static let empty = RunIndex(servers: [])

    /// Indexes the servers of one run; a server's position in `servers` is how it is named to the index.
    public init(servers: [Server]) {
        serverNames = servers.map(\.name)
        var entries: [Entry] = []
        var skeletons: [Skeleton] = []
        var skeletonIDs: [String: Int32] = [:]
        var skeletonsByHash: [UInt64: [Int32]] = [:]
        var skeletonsByDeletion: [UInt64] = []
        var byMention: [UInt64: [Int32]] = [:]
        var byPlainName: [UInt64: [Int32]] = [:]
        var wordCounts: [UInt64: Int32] = [:]
        for (position, server) in servers.enumerated() {
            var seen = Set<String>()
            for tool in server.tools where seen.insert(tool.name).inserted {
                let skeleton = Confusables.skeleton(tool.name)
                let id = Int32(entries.count)
                entries.append(Entry(server: Int32(position), name: tool.name, lowercased: tool.name.lowercased(), skeleton: skeleton,
                                     signature: tool.signature, propertyCount: tool.propertyCount))
                let lowercased = tool.name.lowercased()
                if let k = skeletonIDs[skeleton] {
                    if let j = skeletons[Int(k)].spellings.firstIndex(where: { $0.lowercased == lowercased }) {
                        skeletons[Int(k)].spellings[j].entries.append(id)
                    } else {
                        skeletons[Int(k)].spellings.append(Spelling(lowercased: lowercased, entries: [id]))
                    }
                } else {
                    let k = Int32(skeletons.count)
                    skeletonIDs[skeleton] = k
                    skeletons.append(Skeleton(text: skeleton, spellings: [Spelling(lowercased: lowercased, entries: [id])]))
                    skeletonsByHash[Self.hash(skeleton), default: []].append(k)
                    for key in Set(Self.deletionKeys(skeleton)) { skeletonsByDeletion.append(Self.pack(key, k)) }
                }
                for word in Set(Self.nameWords(skeleton)) { wordCounts[word, default: 0] += 1 }
                if let mention = Self.mentionKey(tool.name) {
                    if byMention[mention]?.last != Int32(position) { byMention[mention, default: []].append(Int32(position)) }
                } else {
                    let plain = WordHash.of(lowercased)
                    if byPlainName[plain]?.last != Int32(position) { byPlainName[plain, default: []].append(Int32(position)) }
                }
            }
        }
        self.entries = entries
        self.skeletons = skeletons
        self.skeletonsByHash = skeletonsByHash
        skeletonsByDeletion.sort()
        self.skeletonsByDeletion = skeletonsByDeletion
        self.byMention = byMention
        self.byPlainName = byPlainName
        self.wordCounts = wordCounts
    }

    /// The word hashes of a name (`create_pull_request` → create, pull, request).
    static func nameWords(_ name: String) -> [UInt64] { TextScanner(name, mode: .identifier).run().words.map(\.hash) }

    /// How many of `name`'s words other tools of the run share (a misspelt name shares fewer).
    func commonWords(_ name: String) -> Int { Self.nameWords(name).filter { (wordCounts[$0] ?? 0) >= 2 }.count }

    /// The distinct skeleton equal to `skeleton`, if any tool of the run has it.
    private func skeletonID(_ skeleton: String) -> Int32? {
        (skeletonsByHash[Self.hash(skeleton)] ?? []).first { skeletons[Int($0)].text == skeleton }
    }

    /// The entries whose skeleton equals `skeleton` (every server offering it: as many as there are).
    func sameSkeleton(_ skeleton: String) -> [Entry] {
        guard let k = skeletonID(skeleton) else { return [] }
        return skeletons[Int(k)].spellings.flatMap { $0.entries.map { entries[Int($0)] } }
    }

    /// What the run holds under `skeleton` apart from server `position`: a tool of another server
    /// spelt differently (a lookalike), and the other servers spelling it `lowercased`, counted, the first
    /// `limit` of them named. Costs the skeleton's spellings and `limit`, not the servers sharing the name.
    func sameSkeleton(_ skeleton: String, spelt lowercased: String, excluding position: Int, limit: Int)
        -> (lookalike: Entry?, same: [Entry], sameCount: Int) {
        guard let k = skeletonID(skeleton) else { return (nil, [], 0) }
        var lookalike: Entry?
        var same: [Entry] = [], count = 0
        for spelling in skeletons[Int(k)].spellings {
            // A server lists a name once, so at most one entry of a spelling is the server's own.
            if spelling.lowercased == lowercased {
                let own = spelling.entries.contains { Int(entries[Int($0)].server) == position }
                count = spelling.entries.count - (own ? 1 : 0)
                for id in spelling.entries where same.count < limit && Int(entries[Int(id)].server) != position { same.append(entries[Int(id)]) }
            } else if lookalike == nil {
                lookalike = spelling.entries.lazy.map { self.entries[Int($0)] }.first { Int($0.server) != position }
            }
        }
        return (lookalike, same, count)
    }

    /// The entries whose skeleton is one insertion, deletion or substitution away from `skeleton`.
    func nearSkeleton(_ skeleton: String) -> [Entry] {
        var ids = Set<Int32>()
        for key in [Self.hash(skeleton)] + Self.deletionKeys(skeleton) {
            ids.formUnion(skeletons(withDeletion: key))
            if let found = skeletonsByHash[key] { ids.formUnion(found) }
        }
        let mine = Array(skeleton.unicodeScalars)
        return ids.sorted().filter { k in
            let other = skeletons[Int(k)].text
            return other != skeleton && Self.withinOneEdit(mine, Array(other.unicodeScalars))
        }.flatMap { k in skeletons[Int(k)].spellings.flatMap { $0.entries } }.sorted().map { entries[Int($0)] }
    }

    /// `hash` over skeleton number `k`, as `skeletonsByDeletion` holds them.
    private static func pack(_ hash: UInt64, _ k: Int32) -> UInt64 {
        (hash >> skeletonBits) << skeletonBits | (UInt64(UInt32(bitPattern: k)) & ((1 << skeletonBits) - 1))
    }

    /// The skeletons with a deletion hashing like `hash` (or colliding with it in the packed bits).
    private func skeletons(withDeletion hash: UInt64) -> [Int32] {
        let low = Self.pack(hash, 0)
        var lo = 0, hi = skeletonsByDeletion.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if skeletonsByDeletion[mid] < low { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int32] = []
        let mask: UInt64 = (1 << Self.skeletonBits) - 1
        while lo < skeletonsByDeletion.count, skeletonsByDeletion[lo] & ~mask == low {
            out.append(Int32(truncatingIfNeeded: skeletonsByDeletion[lo] & mask))
            lo += 1
        }
        return out
    }

    /// The servers offering a tool whose name a prose text spells with word hash `hash`.
    func serversMentioned(_ hash: UInt64) -> [Int32] { byMention[hash] ?? [] }

    /// The servers offering a tool whose name is the ordinary word with hash `hash`.
    func serversNamedPlainly(_ hash: UInt64) -> [Int32] { byPlainName[hash] ?? [] }

    /// True when some server offers a tool a text may mention (so texts are worth looking through).
    var hasMentions: Bool { !byMention.isEmpty || !byPlainName.isEmpty }

    // MARK: Keys

    /// The word hash a prose text gives `name` when it is not an ordinary word, else nil.
    static func mentionKey(_ name: String) -> UInt64? {
        guard isDistinctive(name) else { return nil }
        return WordHash.of(name)
    }

    /// A name that would not occur as an ordinary word: snake_case, kebab-case, dotted or camelCase.
    static func isDistinctive(_ name: String) -> Bool {
        var previousLower = false
        for b in name.utf8 {
            if b == 0x5F || b == 0x2D || b == 0x2E { return true }
            if previousLower && b >= 0x41 && b <= 0x5A { return true }
            previousLower = b >= 0x61 && b <= 0x7A
        }
        return false
    }

    static func hash(_ text: String) -> UInt64 {
        var h = WordHash.seed
        for b in text.utf8 { h = (h ^ UInt64(b)) &* WordHash.prime }
        return WordHash.finish(h, length: text.utf8.count)
    }

    /// Hashes of `text` with each one scalar removed (names of 3 to 64 scalars; shorter ones are too
    /// alike by chance, longer ones are not names).
    static func deletionKeys(_ text: String) -> [UInt64] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3, scalars.count <= 64 else { return [] }
        // Each scalar's UTF-8 bytes, encoded once: every key hashes the bytes around one scalar.
        var utf8: [UInt8] = []
        var starts: [Int] = []
        for s in scalars {
            starts.append(utf8.count)
            utf8.append(contentsOf: String(s).utf8)
        }
        starts.append(utf8.count)
        var keys: [UInt64] = []
        keys.reserveCapacity(scalars.count)
        for skip in scalars.indices {
            var h = WordHash.seed
            for b in utf8[..<starts[skip]] { h = (h ^ UInt64(b)) &* WordHash.prime }
            for b in utf8[starts[skip + 1]...] { h = (h ^ UInt64(b)) &* WordHash.prime }
            keys.append(WordHash.finish(h, length: utf8.count - (starts[skip + 1] - starts[skip])))
        }
        return keys
    }

    /// A hash of the sorted property names.
    static func signature(_ properties: [String]) -> UInt64 { hash(properties.map { $0.lowercased() }.sorted().joined(separator: "\u{1F}")) }

    /// True when `a` and `b` differ by at most one insertion, deletion or substitution.
    static func withinOneEdit(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if b.count > a.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (a.count - i) + (b.count - j) <= 1
    }
}

/// Where a server sits in its run: the run's index and the server's position in it.
public struct RunContext: Sendable {
    /// The run's index.
    public var index: RunIndex
    /// This server's position in the index (its own tools are not "other servers'").
    public var position: Int

    /// A context from its parts.
    public init(index: RunIndex, position: Int) { self.index = index; self.position = position }

    /// A server scanned alone.
    public static let alone = RunContext(index: .empty, position: 0)
}
