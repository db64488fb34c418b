/// The rows of a generated weight table written as text: one row per line, tab-separated, a key, then
/// `width` numbers, then `notes` text fields (the learned reading: `feature`, five weights; a table of
/// `hexkey<TAB>weight<TAB>name` lines: one weight, one note).
///
/// Read at every start, so it is read from the text's UTF-8 bytes in one pass, straight into flat arrays:
/// no `String` per line or field, no array per row. A line with another number of fields, or a field
/// that is not a number where one is due, is skipped (as `Double(_:)` would refuse it).
struct WeightRows: Sendable {
    /// Numbers per row.
    let width: Int
    /// Text fields after the numbers, per row.
    let notes: Int
    /// Every row's key and notes, one after another.
    private(set) var bytes: [UInt8] = []
    /// Per row, where its key and each note end in `bytes` (`1 + notes` offsets); each starts where the
    /// previous field ended.
    private var ends: [Int32] = []
    /// Per row, `width` numbers, flat.
    private(set) var weights: [Double] = []

    /// The rows of `text`.
    init(_ text: String, width: Int, notes: Int = 0) {
        self.width = width
        self.notes = notes
        var text = text
        text.withUTF8 { read($0) }
    }

    /// How many rows were read.
    var count: Int { ends.count / (1 + notes) }

    /// Where row `row`'s key is in `bytes`.
    func key(_ row: Int) -> Range<Int> { field(row, 0) }

    /// Where row `row`'s note `k` (0..<notes) is in `bytes`.
    func note(_ row: Int, _ k: Int) -> Range<Int> { field(row, 1 + k) }

    /// Row `row`'s key read as a hexadecimal number (a table keyed by a 64-bit hash written as hex), or nil
    /// when it is empty, longer than 16 digits or not hexadecimal.
    func hexKey(_ row: Int) -> UInt64? {
        let digits = bytes[key(row)]
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for b in digits {
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x61...0x66: digit = b - 0x61 + 10
            case 0x41...0x46: digit = b - 0x41 + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    /// Number `column` (0..<width) of row `row`.
    @inline(__always) func weight(_ row: Int, _ column: Int) -> Double { weights[row * width + column] }

    private func field(_ row: Int, _ k: Int) -> Range<Int> {
        let i = row * (1 + notes) + k
        return (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])
    }

    /// Reads every line of `text` in one pass, field by field; a line that does not fit is undone.
    private mutating func read(_ text: UnsafeBufferPointer<UInt8>) {
        var lines = 1
        for b in text where b == 0x0A { lines &+= 1 }
        weights.reserveCapacity(lines * width)
        ends.reserveCapacity(lines * (1 + notes))
        var i = 0
        while i < text.count {
            let weightsBefore = weights.count, bytesBefore = bytes.count, endsBefore = ends.count
            if !readLine(text, &i) {
                weights.removeSubrange(weightsBefore...)
                bytes.removeSubrange(bytesBefore...)
                ends.removeSubrange(endsBefore...)
            }
            while i < text.count && text[i] != 0x0A { i &+= 1 }
            i &+= 1
        }
    }

    /// Reads the line at `i` up to its line break (where it leaves `i`); false when the line has another
    /// number of fields or a number field that is not one (the caller undoes what it added).
    private mutating func readLine(_ text: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        let key = nextField(text, &i)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[key]))
        for _ in 0..<width {
            guard i < text.count && text[i] == 0x09 else { return false }
            i &+= 1
            guard let w = Self.number(UnsafeBufferPointer(rebasing: text[nextField(text, &i)])) else { return false }
            weights.append(w)
        }
        ends.append(Int32(bytes.count))
        for _ in 0..<notes {
            guard i < text.count && text[i] == 0x09 else { return false }
            i &+= 1
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[nextField(text, &i)]))
            ends.append(Int32(bytes.count))
        }
        return i == text.count || text[i] == 0x0A
    }

    /// The field at `i`, up to the next tab or line break (where it leaves `i`).
    @inline(__always) private func nextField(_ text: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Range<Int> {
        let start = i
        while i < text.count && text[i] != 0x09 && text[i] != 0x0A { i &+= 1 }
        return start..<i
    }

    /// The number `field` spells, exactly as `Double(_:)` reads it. A plain decimal (`-0.7885`) of at most
    /// 15 digits is its digits as an integer divided by a power of ten, both exact in a `Double`, so the one
    /// division rounds correctly as `Double(_:)` does; anything else is left to `Double(_:)`.
    static func number(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let negative = field.first == 0x2D
        if negative { i = 1 }
        var digits: UInt64 = 0, count = 0, fraction = 0, sawPoint = false
        while i < field.count {
            let b = field[i]
            if b >= 0x30 && b <= 0x39 {
                digits = digits &* 10 &+ UInt64(b - 0x30)
                count &+= 1
                if sawPoint { fraction &+= 1 }
            } else if b == 0x2E && !sawPoint && count > 0 {
                sawPoint = true
            } else {
                break
            }
            i &+= 1
        }
        guard i == field.count, count > 0, count <= 15, !sawPoint || fraction > 0 else {
            return Double(String(decoding: field, as: UTF8.self))
        }
        let value = Double(digits) / powerOfTen(fraction)
        return negative ? -value : value
    }

    /// 10^k for k in 0...15, exact in a `Double` (every power of ten to 10^22 is).
    @inline(__always) private static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        default: 1e15
        }
    }
}
