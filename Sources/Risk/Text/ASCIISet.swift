/// A set of ASCII scalars as a 128-bit mask: a text records the ASCII it holds, so a search for a
/// phrase or word with a scalar the text lacks is skipped without scanning or hashing.
struct ASCIISet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The empty set.
    init() {}

    /// The ASCII scalars of `scalars` (others are left out: the set only ever rules matches out).
    init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for s in scalars { insert(s) }
    }

    /// Adds `s` when it is ASCII.
    @inline(__always) mutating func insert(_ s: Unicode.Scalar) {
        let v = s.value
        if v < 64 { low |= 1 << UInt64(v) } else if v < 128 { high |= 1 << UInt64(v - 64) }
    }

    /// True when the ASCII byte `b` is in the set.
    @inline(__always) func contains(byte b: UInt8) -> Bool {
        b < 64 ? low & (1 << UInt64(b)) != 0 : b < 128 && high & (1 << UInt64(b - 64)) != 0
    }

    /// True when every scalar of `self` is also in `other`.
    @inline(__always) func isSubset(of other: ASCIISet) -> Bool {
        low & ~other.low == 0 && high & ~other.high == 0
    }
}
