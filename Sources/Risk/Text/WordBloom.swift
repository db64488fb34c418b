/// A 256-bit summary of a text's words (one bit per word, from a cheap byte hash): a word whose bit is
/// clear is certainly absent, so most "does the text hold this word" questions end before a `Set`
/// look-up hashes the word in full.
struct WordBloom: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The empty summary.
    init() {}

    /// The bit of `word`: FNV-1a over its UTF-8 bytes, folded to 0..<256. Equal strings in the same
    /// form give the same bit; rules compare ASCII words, which have one form only.
    static func bit(of word: String) -> UInt8 {
        var hash: UInt32 = 2_166_136_261
        for b in word.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        return UInt8(truncatingIfNeeded: hash ^ (hash >> 8) ^ (hash >> 16) ^ (hash >> 24))
    }

    /// Records `word`.
    mutating func insert(_ word: String) { insert(bit: WordBloom.bit(of: word)) }

    /// Records a word by its bit.
    mutating func insert(bit: UInt8) {
        let mask: UInt64 = 1 << UInt64(bit & 63)
        switch bit >> 6 {
        case 0: bits.0 |= mask
        case 1: bits.1 |= mask
        case 2: bits.2 |= mask
        default: bits.3 |= mask
        }
    }

    /// False when no recorded word has this bit.
    @inline(__always) func mayContain(bit: UInt8) -> Bool {
        let mask: UInt64 = 1 << UInt64(bit & 63)
        switch bit >> 6 {
        case 0: return bits.0 & mask != 0
        case 1: return bits.1 & mask != 0
        case 2: return bits.2 & mask != 0
        default: return bits.3 & mask != 0
        }
    }
}
