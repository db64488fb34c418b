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

    /// Number `column` (0..<width) of row `row`.
    @inline(__always) func weight(_ row: Int, _ column: Int) -> Double { weights[row * width + column] }

    private func field(_ row: Int, _ k: Int) -> Range<Int> {
        let i = row * (1 + notes) + k
        return (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])
    }

    /// Reads every line of `text`.
    private mutating func read(_ text: UnsafeBufferPointer<UInt8>) {
        let lines = text.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        weights.reserveCapacity(lines * width)
        ends.reserveCapacity(lines * (1 + notes))
        bytes.reserveCapacity(text.count / 2)
        var tabs: [Int] = []
        tabs.reserveCapacity(width + notes + 1)
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 0x0A { end += 1 }
            readLine(text, start, end, tabs: &tabs)
            start = end + 1
        }
    }

    /// Reads the line `text[start..<end]`, or leaves it out (`tabs`: scratch space, one array for every line).
    private mutating func readLine(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, tabs: inout [Int]) {
        // The field boundaries first: a line is kept whole or not at all.
        tabs.removeAll(keepingCapacity: true)
        for i in start..<end where text[i] == 0x09 {
            tabs.append(i)
            if tabs.count > width + notes { return }
        }
        guard tabs.count == width + notes else { return }
        let before = weights.count
        for c in 0..<width {
            let from = tabs[c] + 1, to = c + 1 < tabs.count ? tabs[c + 1] : end
            guard let w = Self.number(UnsafeBufferPointer(rebasing: text[from..<to])) else {
                weights.removeSubrange(before...)
                return
            }
            weights.append(w)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<tabs[0]]))
        ends.append(Int32(bytes.count))
        for k in 0..<notes {
            let from = tabs[width + k] + 1, to = width + k + 1 < tabs.count ? tabs[width + k + 1] : end
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[from..<to]))
            ends.append(Int32(bytes.count))
        }
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
                count += 1
                if sawPoint { fraction += 1 }
            } else if b == 0x2E && !sawPoint && count > 0 {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard i == field.count, count > 0, count <= 15, !sawPoint || fraction > 0 else {
            return Double(String(decoding: field, as: UTF8.self))
        }
        let value = Double(digits) / powersOfTen[fraction]
        return negative ? -value : value
    }

    /// 10^0 through 10^15, each exact in a `Double`.
    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }
}
