/// The learned weights keyed by each feature's UTF-8 bytes in an open-addressing table, so the common case
/// (the model cannot change the rules' category) is decided without building a `String` or a dictionary
/// per feature. `LearnedReading` falls back on the string features whenever this says a change is possible.
struct LearnedTable: Sendable {
    /// One slot: the key's hash (0: empty), where its bytes are in `keyBytes`, and its row of weights.
    /// The hash sits beside the rest, so a feature the model does not know costs one cache line.
    private struct Slot {
        var hash: UInt64 = 0
        var keyStart: Int32 = 0, keyEnd: Int32 = 0
        var row: Int32 = 0
    }
    private let slots: [Slot]
    private let mask: Int
    /// Every key's bytes, one after another.
    private let keyBytes: [UInt8]
    /// Per row, five weights (read, write, execute, destructive, financial), flat.
    private let rows: [Double]

    /// The table of `weights` (the reading's string-keyed rows). A key that is not ASCII is also entered under
    /// the ASCII text it equals as a `String` (a scalar such as KELVIN SIGN equals `K`), so an ASCII feature
    /// finds exactly the row a `String` lookup finds.
    init(_ weights: [String: [Double]]) {
        var keys: [([UInt8], Int)] = [], rows: [Double] = []
        for (row, (key, weights)) in weights.enumerated() {
            rows += weights
            keys.append((Array(key.utf8), row))
            if let ascii = Self.asciiEquivalent(key), ascii != Array(key.utf8) { keys.append((ascii, row)) }
        }
        var capacity = 16
        while capacity * 3 < keys.count * 5 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        var keyBytes: [UInt8] = []
        for (key, row) in keys {
            let h = Self.hash(key[...])
            var s = Int(truncatingIfNeeded: h) & (capacity - 1)
            while slots[s].hash != 0 { s = (s + 1) & (capacity - 1) }
            slots[s] = Slot(hash: h, keyStart: Int32(keyBytes.count), keyEnd: Int32(keyBytes.count + key.count), row: Int32(row))
            keyBytes += key
        }
        self.slots = slots
        self.mask = capacity - 1
        self.keyBytes = keyBytes
        self.rows = rows
    }

    /// The hash in the first slot a feature with hash `h` probes (to bring the slot into cache early).
    @inline(__always) func touch(_ h: UInt64) -> UInt64 { slots[Int(truncatingIfNeeded: h) & mask].hash }

    /// The row of the feature spelled by `bytes` (whose `hash(_:)` is `h`), for `weight(_:_:)`.
    @inline(__always) func row(_ bytes: ArraySlice<UInt8>, hash h: UInt64) -> Int? {
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot.hash == 0 { return nil }
            if slot.hash == h, keyBytes[Int(slot.keyStart)..<Int(slot.keyEnd)].elementsEqual(bytes) { return Int(slot.row) }
            s = (s + 1) & mask
        }
    }

    /// Weight `category` (0..<5) of `row`.
    @inline(__always) func weight(_ row: Int, _ category: Int) -> Double { rows[row * 5 + category] }

    /// The hash a feature's bytes are filed under.
    @inline(__always) static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
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
