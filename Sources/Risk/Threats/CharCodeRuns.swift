/// Text spelled as decimal character codes (`78,111,110,32,100,105,…`), the shape `String.fromCharCode`
/// and `chr()` take: a run of at least `minimumCodes` numbers split by commas, nearly all of them
/// printable characters, decoded as a whole. One pass over the bytes; most texts have no digit-comma run.
enum CharCodeRuns {
    /// Fewest codes that make a run worth decoding (a date or a version has three or four numbers).
    static let minimumCodes = 12

    static func decode(_ bytes: [UInt8]) -> [PayloadDecoder.Decoded] {
        var out: [PayloadDecoder.Decoded] = []
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]), i == 0 || !isDigit(bytes[i - 1]) else { i += 1; continue }
            let start = i
            var codes: [UInt32] = []
            var end = i
            while i < bytes.count {
                // One number of one to seven digits.
                var value: UInt32 = 0, digits = 0
                while i < bytes.count, isDigit(bytes[i]), digits < 8 { value = value * 10 + UInt32(bytes[i] - 0x30); digits += 1; i += 1 }
                guard digits > 0, digits <= 7 else { break }
                codes.append(value)
                end = i
                // A comma, with spaces around it allowed, before the next number.
                var j = i
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                guard j < bytes.count, bytes[j] == 0x2C else { break }
                j += 1
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                guard j < bytes.count, isDigit(bytes[j]) else { break }
                i = j
            }
            i = max(end, start + 1)
            guard codes.count >= minimumCodes else { continue }
            // Character codes are printable characters (or line breaks); other numbers lists are not.
            let printable = codes.filter { ($0 >= 0x20 && $0 != 0x7F && $0 <= 0x10FFFF && !(0xD800...0xDFFF).contains($0)) || $0 == 0x0A }.count
            guard printable == codes.count, codes.contains(where: { $0 == 0x20 }) else { continue }
            var text = ""
            for c in codes { if let s = Unicode.Scalar(c) { text.unicodeScalars.append(s) } }
            if PayloadDecoder.isReadable(text) {
                out.append(PayloadDecoder.Decoded(encoding: "character codes", range: start..<end, text: text))
            }
        }
        return out
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
