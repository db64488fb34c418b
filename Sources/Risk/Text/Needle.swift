/// A literal string searched for in folded text (file names, tags, markup words): folded once the way
/// texts are folded, so `~/.SSH`, `～/.ssh` smuggled in tag characters and `~/.ssh` all match.
struct Needle: Sendable, CustomStringConvertible {
    /// The folded bytes.
    let bytes: [UInt8]
    /// The string as written.
    let description: String

    /// Folds `text` once.
    init(_ text: String) {
        description = text
        bytes = Tokenizer.foldedBytes(of: text)
    }

    /// Every place the needle occurs in `folded` (left to right, not overlapping), as folded byte ranges.
    /// With `wholeWords`, a match may not start or end inside a word.
    func ranges(in folded: [UInt8], wholeWords: Bool = false) -> [Range<Int>] {
        let n = bytes.count
        guard n > 0, n <= folded.count else { return [] }
        var out: [Range<Int>] = []
        folded.withUnsafeBufferPointer { f in
            bytes.withUnsafeBufferPointer { b in
                let first = b[0]
                var i = 0
                let last = f.count - n
                while i <= last {
                    if f[i] != first { i += 1; continue }
                    var k = 1
                    while k < n && f[i + k] == b[k] { k += 1 }
                    if k == n {
                        let end = i + n
                        let startOK = !wholeWords || !Needle.isWordByte(b[0]) || i == 0 || !Needle.isWordByte(f[i - 1])
                        let endOK = !wholeWords || !Needle.isWordByte(b[n - 1]) || end == f.count || !Needle.isWordByte(f[end])
                        if startOK && endOK { out.append(i..<end); i = end; continue }
                    }
                    i += 1
                }
            }
        }
        return out
    }

    /// True when the needle occurs in `folded`.
    func occurs(in folded: [UInt8], wholeWords: Bool = false) -> Bool { !ranges(in: folded, wholeWords: wholeWords).isEmpty }

    /// True when the needle occurs in `text`.
    func occurs(in text: TokenizedText, wholeWords: Bool = false) -> Bool { occurs(in: text.folded, wholeWords: wholeWords) }

    /// A byte that makes up words: ASCII letters, digits and `_`, and every byte of a non-ASCII scalar.
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }
}
