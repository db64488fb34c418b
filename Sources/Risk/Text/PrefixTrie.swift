/// Byte prefixes and what each stands for, compiled into a trie: the prefixes a word starts with are found
/// by walking the word's bytes once (a child is one probe of an open-addressing table), however many
/// prefixes there are.
struct PrefixTrie<Value: Sendable>: Sendable {
    /// Per slot, `node << 8 | byte` + 1 of an edge (0: empty).
    private let edgeKeys: [UInt64]
    /// Per slot, the node the edge leads to.
    private let edgeTargets: [Int32]
    private let mask: Int
    /// Per node, its values: a range of `values`.
    private let ends: [Range<Int32>]
    private let values: [Value]
    /// One bit per first two bytes of a prefix (a one-byte prefix sets all 256 of its pairs): small enough
    /// to stay in cache, so a word no prefix starts costs no probe of the trie.
    private let openings: [UInt64]

    /// A trie of `entries`; a prefix given twice keeps every value, in order. Empty prefixes are ignored.
    init(_ entries: [(prefix: [UInt8], value: Value)]) {
        var openings = [UInt64](repeating: 0, count: 65_536 / 64)
        for (prefix, _) in entries where !prefix.isEmpty {
            let first = Int(prefix[0]) << 8
            for pair in prefix.count == 1 ? first..<(first + 256) : (first + Int(prefix[1]))..<(first + Int(prefix[1]) + 1) {
                openings[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        self.openings = openings
        // The edges go straight into the open-addressing table (a prefix byte adds at most one edge), nodes
        // numbered as they are made; no table per node.
        var capacity = 8
        while capacity < entries.reduce(0, { $0 + $1.prefix.count }) * 2 + 2 { capacity <<= 1 }
        let mask = capacity - 1
        var keys = [UInt64](repeating: 0, count: capacity), targets = [Int32](repeating: 0, count: capacity)
        var nodes = 1
        var owners: [Int32] = []
        for (prefix, _) in entries where !prefix.isEmpty {
            var node = 0
            for b in prefix {
                let key = UInt64(node) << 8 | UInt64(b)
                var i = Self.slot(key, mask)
                while keys[i] != 0 && keys[i] != key + 1 { i = (i + 1) & mask }
                if keys[i] == 0 {
                    keys[i] = key + 1
                    targets[i] = Int32(nodes)
                    nodes += 1
                }
                node = Int(targets[i])
            }
            owners.append(Int32(node))
        }
        // Each node's values, in the order given: counted, then placed.
        var starts = [Int32](repeating: 0, count: nodes + 1)
        for node in owners { starts[Int(node) + 1] += 1 }
        for n in 0..<nodes { starts[n + 1] += starts[n] }
        var ends: [Range<Int32>] = []
        ends.reserveCapacity(nodes)
        for n in 0..<nodes { ends.append(starts[n]..<starts[n + 1]) }
        var order = [Int](repeating: 0, count: owners.count)
        var k = 0
        for (e, entry) in entries.enumerated() where !entry.prefix.isEmpty {
            let node = Int(owners[k])
            order[Int(starts[node])] = e
            starts[node] += 1
            k += 1
        }
        edgeKeys = keys
        edgeTargets = targets
        self.mask = mask
        self.ends = ends
        values = order.map { entries[$0].value }
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Calls `body` with the value of every prefix that `bytes[from..<to]` starts with, shortest first.
    @inline(__always) func each(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, _ body: (Value) -> Void) {
        guard from < to else { return }
        // A one-byte word: only the one-byte prefixes can match, and they set every pair of their byte.
        let pair = Int(bytes[from]) << 8 | (from + 1 < to ? Int(bytes[from + 1]) : 0)
        guard openings[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { return }
        var node = 0
        var k = from
        while k < to {
            let key = UInt64(node) << 8 | UInt64(bytes[k])
            var i = Self.slot(key, mask)
            while true {
                let e = edgeKeys[i]
                if e == key + 1 { break }
                if e == 0 { return }
                i = (i + 1) & mask
            }
            node = Int(edgeTargets[i])
            let r = ends[node]
            var v = Int(r.lowerBound)
            while v < Int(r.upperBound) { body(values[v]); v += 1 }
            k += 1
        }
    }
}
