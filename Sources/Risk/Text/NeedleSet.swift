/// Many literal needles (file names, tags, host names) found in one pass over folded bytes: an
/// Aho–Corasick automaton compiled once, with a dense transition table over the byte classes the
/// needles use. The cost of a search is one table step per byte, however many needles there are.
struct NeedleSet<Payload: Sendable>: Sendable {
    /// One needle and what it means.
    struct Entry: Sendable {
        /// The needle, folded as texts are folded.
        let needle: Needle
        /// True when a match may not start or end inside a word.
        let wholeWord: Bool
        /// What a match means.
        let payload: Payload
    }

    /// One match: which entry, and the folded byte range.
    struct Match: Sendable, Hashable {
        let entry: Int
        let range: Range<Int>
    }

    /// The needles, in the order given.
    let entries: [Entry]
    /// Byte → class (0: a byte no needle uses).
    private let byteClass: [UInt8]
    private let classCount: Int
    /// `next[state * classCount + class]`: the state after reading a byte of that class, complemented
    /// (`~state`, negative) when entries end there, so the search loop tests the one value it loaded.
    private let next: [Int32]
    /// For each state, the entries that end there (its own and those of its suffix states).
    private let outputs: [[Int32]]

    /// Compiles `entries`: needle text, whole-word flag, payload.
    init(_ list: [(String, wholeWord: Bool, Payload)]) {
        entries = list.map { Entry(needle: Needle($0.0), wholeWord: $0.wholeWord, payload: $0.2) }
        var classes = [UInt8](repeating: 0, count: 256)
        var count = 1
        for e in entries { for b in e.needle.bytes where classes[Int(b)] == 0 { classes[Int(b)] = UInt8(count); count += 1 } }
        byteClass = classes
        classCount = count
        // The trie, as one flat table of `count` children per state (-1: none), completed in place below:
        // no array per state, no second table.
        var table = [Int32](repeating: -1, count: count)
        table.reserveCapacity((1 + entries.reduce(0) { $0 + $1.needle.bytes.count }) * count)
        var out: [[Int32]] = [[]]
        for (i, e) in entries.enumerated() where !e.needle.bytes.isEmpty {
            var state = 0
            for b in e.needle.bytes {
                let c = Int(classes[Int(b)])
                if table[state * count + c] < 0 {
                    table[state * count + c] = Int32(out.count)
                    table.append(contentsOf: repeatElement(-1, count: count))
                    out.append([])
                }
                state = Int(table[state * count + c])
            }
            out[state].append(Int32(i))
        }
        // Failure links, breadth first, folded into the transitions: a missing child becomes the failure
        // state's transition (that state is shallower, so its row is already complete).
        var fail = [Int32](repeating: 0, count: out.count)
        var queue: [Int] = []
        for c in 0..<count {
            if table[c] >= 0 { queue.append(Int(table[c])) } else { table[c] = 0 }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            out[state] += out[Int(fail[state])]
            for c in 0..<count {
                let child = table[state * count + c]
                let fallback = table[Int(fail[state]) * count + c]
                if child >= 0 {
                    fail[Int(child)] = fallback
                    queue.append(Int(child))
                } else {
                    table[state * count + c] = fallback
                }
            }
        }
        for k in table.indices where !out[Int(table[k])].isEmpty { table[k] = ~table[k] }
        next = table
        outputs = out
    }

    /// Every match in `folded`, overlapping ones included, ordered by where they end.
    func matches(in folded: [UInt8]) -> [Match] {
        var found: [Match] = []
        scan(folded) { entry, range in found.append(Match(entry: entry, range: range)); return true }
        return found
    }

    /// The one pass of `matches(in:)` and `hasMatch(in:)`: each match (its entry and bytes), in order of where
    /// it ends, handed to `visit` until `visit` returns false.
    @inline(__always) private func scan(_ folded: [UInt8], _ visit: (Int, Range<Int>) -> Bool) {
        folded.withUnsafeBufferPointer { f in
            byteClass.withUnsafeBufferPointer { classes in
                next.withUnsafeBufferPointer { table in
                    var state = 0
                    for i in 0..<f.count {
                        state = Int(table[state * classCount + Int(classes[Int(f[i])])])
                        guard state < 0 else { continue }
                        state = ~state
                        for e in outputs[state] {
                            let entry = entries[Int(e)]
                            let range = (i + 1 - entry.needle.bytes.count)..<(i + 1)
                            if entry.wholeWord && !Self.isWhole(range, in: f, needle: entry.needle.bytes) { continue }
                            if !visit(Int(e), range) { return }
                        }
                    }
                }
            }
        }
    }

    /// `hasMatch(in:)` of `bytes` with ASCII capitals lowered, without building the lowered bytes: true at
    /// a match in the ASCII text before any other byte (`lowercased()` keeps such a match), nil at a byte
    /// that is not ASCII before any match (the caller lowercases the text itself), false when all is ASCII
    /// and nothing matches. Plain needles only (a whole-word test would need the lowered neighbours).
    func hasMatch(inLoweredASCII bytes: [UInt8]) -> Bool? {
        bytes.withUnsafeBufferPointer { f in
            byteClass.withUnsafeBufferPointer { classes in
                next.withUnsafeBufferPointer { table in
                    var state = 0
                    for i in 0..<f.count {
                        let b = f[i]
                        if b >= 0x80 { return nil }
                        state = Int(table[state * classCount + Int(classes[Int(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)])])
                        guard state < 0 else { continue }
                        state = ~state
                        precondition(outputs[state].allSatisfy { !entries[Int($0)].wholeWord }, "hasMatch(inLoweredASCII:) takes plain needles only")
                        return true
                    }
                    return false
                }
            }
        }
    }

    /// True when `matches(in:)` would find anything: the same pass, stopped at the first match.
    func hasMatch(in folded: [UInt8]) -> Bool {
        var found = false
        scan(folded) { _, _ in found = true; return false }
        return found
    }

    /// True when `range` neither starts nor ends inside a word (where the needle itself starts or ends with a word byte).
    private static func isWhole(_ range: Range<Int>, in f: UnsafeBufferPointer<UInt8>, needle: [UInt8]) -> Bool {
        let startOK = !Needle.isWordByte(needle[0]) || range.lowerBound == 0 || !Needle.isWordByte(f[range.lowerBound - 1])
        let endOK = !Needle.isWordByte(needle[needle.count - 1]) || range.upperBound == f.count || !Needle.isWordByte(f[range.upperBound])
        return startOK && endOK
    }
}
