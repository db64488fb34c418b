/// The learned weights keyed by each feature's UTF-8 bytes in an open-addressing table, so the common case
/// (the model cannot change the rules' category) is decided without building a `String` or a dictionary
/// per feature. `LearnedReading` falls back on the string features whenever this says a change is possible.
struct LearnedTable: Sendable {
    /// Per entry, the feature's bytes.
    private let keys: [[UInt8]]
    /// Per entry, five weights (read, write, execute, destructive, financial), flat.
    private let rows: [Double]
    /// Entry index + 1 per slot; 0 is empty.
    private let slots: [Int32]
    private let mask: Int

    /// The table of `weights` (the reading's string-keyed rows). A key that is not ASCII is also entered under
    /// the ASCII text it equals as a `String` (a scalar such as KELVIN SIGN equals `K`), so an ASCII feature
    /// finds exactly the row a `String` lookup finds.
    init(_ weights: [String: [Double]]) {
        var keys: [[UInt8]] = [], rows: [Double] = []
        for (key, row) in weights.sorted(by: { $0.key < $1.key }) {
            keys.append(Array(key.utf8)); rows += row
            if let ascii = Self.asciiEquivalent(key), ascii != Array(key.utf8) { keys.append(ascii); rows += row }
        }
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: 0, count: capacity)
        for (i, key) in keys.enumerated() {
            var s = Int(truncatingIfNeeded: Self.hash(key[...])) & (capacity - 1)
            while slots[s] != 0 { s = (s + 1) & (capacity - 1) }
            slots[s] = Int32(i + 1)
        }
        self.keys = keys
        self.rows = rows
        self.slots = slots
        self.mask = capacity - 1
    }

    /// The row (index of its first weight in `weight(_:_:)` terms) of the feature spelled by `bytes`.
    @inline(__always) func row(_ bytes: ArraySlice<UInt8>) -> Int? {
        var s = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { return nil }
            if keys[e - 1].elementsEqual(bytes) { return e - 1 }
            s = (s + 1) & mask
        }
    }

    /// Weight `category` (0..<5) of `row`.
    @inline(__always) func weight(_ row: Int, _ category: Int) -> Double { rows[row * 5 + category] }

    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h = WordHash.seed
        for b in bytes { h = (h ^ UInt64(b)) &* WordHash.prime }
        return WordHash.finish(h, length: bytes.count)
    }

    /// The ASCII bytes `key` equals as a `String`, when every scalar of it is ASCII or equals one ASCII
    /// scalar (canonical singletons); nil otherwise (no ASCII text can equal it).
    private static func asciiEquivalent(_ key: String) -> [UInt8]? {
        var out: [UInt8] = []
        for scalar in key.unicodeScalars {
            if scalar.isASCII { out.append(UInt8(scalar.value)); continue }
            guard let b = (0..<128).first(where: { String(scalar) == String(UnicodeScalar(UInt8($0))) }) else { return nil }
            out.append(UInt8(b))
        }
        return out
    }
}
