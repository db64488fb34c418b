/// Bits spelled in zero-width characters: a run of two (or three) invisible characters standing for 0
/// and 1 (and a separator), eight to a byte. Invisible in every client, read by anyone who decodes it.
enum ZeroWidthBits {
    /// Fewest invisible characters in a run worth decoding (one byte).
    static let minimumRun = 16

    @inline(__always) static func isZeroWidth(_ v: UInt32) -> Bool {
        v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF || v == 0x2062 || v == 0x2063
    }

    static func decode(_ text: String) -> [PayloadDecoder.Decoded] {
        // Every zero-width character above is three UTF-8 bytes led by 0xE2 or 0xEF: text without either
        // byte has none (most text), and is not walked scalar by scalar.
        guard text.utf8.contains(where: { $0 == 0xE2 || $0 == 0xEF }) else { return [] }
        var out: [PayloadDecoder.Decoded] = []
        var run: [UInt32] = []
        var runStart = 0
        var offset = 0
        func finish() {
            if run.count >= minimumRun, let text = bits(run) {
                out.append(PayloadDecoder.Decoded(encoding: "zero-width bits", range: runStart..<offset, text: text))
            }
            run = []
        }
        for s in text.unicodeScalars {
            if isZeroWidth(s.value) {
                if run.isEmpty { runStart = offset }
                run.append(s.value)
            } else if !run.isEmpty {
                finish()
            }
            offset += s.value < 0x80 ? 1 : s.value < 0x800 ? 2 : s.value < 0x10000 ? 3 : 4
        }
        finish()
        return out
    }

    /// The readable text of a run: the two commonest characters as 0 and 1 (either way round), any
    /// third one a separator.
    private static func bits(_ run: [UInt32]) -> String? {
        var counts: [UInt32: Int] = [:]
        for v in run { counts[v, default: 0] += 1 }
        let symbols = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map(\.key)
        guard symbols.count >= 2 else { return nil }
        for (zero, one) in [(symbols[0], symbols[1]), (symbols[1], symbols[0])] {
            var bytes: [UInt8] = []
            var byte: UInt8 = 0, count = 0
            for v in run where v == zero || v == one {
                byte = byte << 1 | (v == one ? 1 : 0)
                count += 1
                if count == 8 { bytes.append(byte); byte = 0; count = 0 }
            }
            if let text = PayloadDecoder.readableText(bytes) { return text }
        }
        return nil
    }
}
