/// Numbers, literals, whitespace, and skipping subtrees nested past the depth limit.
extension Reader {
    /// Skips a whole container without building it; strings are skipped so brackets inside them don't count.
    mutating func skipContainer() throws(JSONError) {
        var depth = 0
        while pos < end {
            switch bytes[pos] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; pos += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1; pos += 1
                if depth == 0 { return }
            case UInt8(ascii: "\""):
                pos += 1
                while pos < end, bytes[pos] != UInt8(ascii: "\"") {
                    pos += bytes[pos] == UInt8(ascii: "\\") ? 2 : 1
                }
                pos = min(pos + 1, end)
            default: pos += 1
            }
        }
        throw .unexpectedEnd(offset: end)
    }

    mutating func literal(_ word: StaticString) throws(JSONError) {
        let start = pos
        let utf8 = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in utf8 {
            guard pos < end else { throw .unexpectedEnd(offset: pos) }
            guard bytes[pos] == b else { throw .syntax("invalid literal", offset: start) }
            pos += 1
        }
    }

    mutating func number() throws(JSONError) -> String {
        let start = pos
        if peek(UInt8(ascii: "-")) { pos += 1 }
        if peek(UInt8(ascii: "0")) { pos += 1 }
        else if digits() == 0 { throw .syntax("invalid number", offset: start) }
        if peek(UInt8(ascii: ".")) {
            pos += 1
            if digits() == 0 { throw .syntax("invalid number: no digits after '.'", offset: start) }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            pos += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { pos += 1 }
            if digits() == 0 { throw .syntax("invalid number: no digits in exponent", offset: start) }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
    }

    /// Skips decimal digits; returns how many.
    private mutating func digits() -> Int {
        let s = pos
        while pos < end, bytes[pos] &- UInt8(ascii: "0") < 10 { pos += 1 }
        return pos - s
    }

    @inline(__always) func peek(_ b: UInt8) -> Bool { pos < end && bytes[pos] == b }

    @inline(__always) mutating func skipSpace() {
        while pos < end {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    func describe(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }
}
