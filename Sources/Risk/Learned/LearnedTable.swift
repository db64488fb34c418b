/// The learned weights keyed by each feature's UTF-8 bytes in an open-addressing table, so the common case
/// (the model cannot change the rules' category) is decided without building a `String` or a dictionary
/// per feature. `LearnedReading` falls back on the string features whenever this says a change is possible,
/// and finds their rows here too (`row(of:)`), exactly as a `[String: row]` dictionary would.
struct LearnedTable: Sendable {
    /// One slot: the high half of the key's hash (`tag`; 0: empty), its row of weights and where its bytes
    /// are in `keyBytes`, in 16 bytes. The tag sits beside the rest, so a feature the model does not know
    /// costs one cache line.
    private struct Slot {
        var tag: UInt32 = 0
        var row: UInt32 = 0
        var keyStart: UInt32 = 0, keyEnd: UInt32 = 0
    }
    private var slots: [Slot]
    private let mask: Int
    /// Every key's bytes, one after another (the rows' keys, then the ASCII spellings of keys outside ASCII).
    private let keyBytes: [UInt8]
    /// Per row, five weights (read, write, execute, destructive, financial), flat.
    private let rows: [Double]
    /// The rows of keys outside ASCII that no ASCII text equals, by key: a feature outside ASCII is found as
    /// a `String` is, by canonical equivalence (the few quotes in other scripts).
    private let otherKeys: [String: Int]
    /// How many rows the table holds.
    let count: Int

    /// The table of `weights`, rows of a feature and five weights. A key that is not ASCII is also entered
    /// under the ASCII text it equals as a `String` (a scalar such as KELVIN SIGN equals `K`), so an ASCII
    /// feature finds exactly the row a `String` lookup finds. Of equal keys the last row counts, as in a
    /// dictionary filled line by line.
    init(_ weights: WeightRows) {
        precondition(weights.width == 5, "a learned row holds five weights")
        var keyBytes = weights.bytes
        var extra: [(Range<Int>, row: Int)] = []
        var otherKeys: [String: Int] = [:]
        for row in 0..<weights.count {
            let key = weights.key(row)
            guard keyBytes[key].contains(where: { $0 >= 0x80 }) else { continue }
            let text = String(decoding: keyBytes[key], as: UTF8.self)
            if let ascii = Self.asciiEquivalent(text) {
                extra.append((keyBytes.count..<keyBytes.count + ascii.count, row))
                keyBytes += ascii
            } else {
                otherKeys[text] = row
            }
        }
        var capacity = 16
        while capacity * 3 < (weights.count + extra.count) * 5 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(), count: capacity)
        mask = capacity - 1
        self.keyBytes = keyBytes
        rows = weights.weights
        self.otherKeys = otherKeys
        count = weights.count
        // Rows in order, each ASCII spelling right after its row, so a later equal key overwrites an earlier one.
        var next = 0
        for row in 0..<weights.count {
            insert(weights.key(row), row: row)
            while next < extra.count && extra[next].row == row { insert(extra[next].0, row: row); next += 1 }
        }
    }

    /// Files the key `keyBytes[key]` under `row`, replacing the row of an equal key.
    private mutating func insert(_ key: Range<Int>, row: Int) {
        let h = Self.hash(keyBytes[key]), tag = Self.tag(h)
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s].tag != 0 {
            if slots[s].tag == tag, keyBytes[Int(slots[s].keyStart)..<Int(slots[s].keyEnd)].elementsEqual(keyBytes[key]) { break }
            s = (s + 1) & mask
        }
        slots[s] = Slot(tag: tag, row: UInt32(row), keyStart: UInt32(key.lowerBound), keyEnd: UInt32(key.upperBound))
    }

    /// The tag in the first slot a feature with hash `h` probes (to bring the slot into cache early).
    @inline(__always) func touch(_ h: UInt64) -> UInt32 { slots[Int(truncatingIfNeeded: h) & mask].tag }

    /// The row of the feature spelled by `bytes` (whose `hash(_:)` is `h`), for `weight(_:_:)`.
    @inline(__always) func row(_ bytes: some Collection<UInt8>, hash h: UInt64) -> Int? {
        let tag = Self.tag(h)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot.tag == 0 { return nil }
            if slot.tag == tag, keyBytes[Int(slot.keyStart)..<Int(slot.keyEnd)].elementsEqual(bytes) { return Int(slot.row) }
            s = (s + 1) & mask
        }
    }

    /// The part of a hash a slot keeps: the high half (the low bits choose the slot), never 0.
    @inline(__always) private static func tag(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h >> 32) | 1 }

    /// The row of `feature`, as a dictionary keyed by the features as `String`s finds it.
    func row(of feature: String) -> Int? {
        if feature.utf8.allSatisfy({ $0 < 0x80 }) { return row(feature.utf8, hash: Self.hash(feature.utf8)) }
        if let ascii = Self.asciiEquivalent(feature) { return row(ascii, hash: Self.hash(ascii)) }
        return otherKeys[feature]
    }

    /// Weight `category` (0..<5) of `row`.
    @inline(__always) func weight(_ row: Int, _ category: Int) -> Double { rows[row * 5 + category] }

    /// The hash a feature's bytes are filed under.
    @inline(__always) static func hash(_ bytes: some Collection<UInt8>) -> UInt64 {
        var h = WordHash.seed
        for b in bytes { h = (h ^ UInt64(b)) &* WordHash.prime }
        return WordHash.finish(h, length: bytes.count)
    }

    /// The ASCII bytes `key` equals as a `String`, when every scalar of it is ASCII or equals one ASCII
    /// scalar (canonical singletons); nil otherwise (no ASCII text can equal it). A singleton can never be
    /// composed, so only a scalar excluded from composition is compared with the ASCII ones.
    private static func asciiEquivalent(_ key: String) -> [UInt8]? {
        var out: [UInt8] = []
        for scalar in key.unicodeScalars {
            if scalar.isASCII { out.append(UInt8(scalar.value)); continue }
            guard scalar.properties.isFullCompositionExclusion,
                  let b = (0..<128).first(where: { String(scalar) == String(UnicodeScalar(UInt8($0))) }) else { return nil }
            out.append(UInt8(b))
        }
        return out
    }
}
