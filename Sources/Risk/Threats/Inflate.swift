/// A small DEFLATE decoder (RFC 1951) for text hidden as gzip (RFC 1952) or zlib (RFC 1950) inside Base64:
/// a poisoned "policy bundle" that decompresses to an order. Pure, bounded (at most `maxOutput` bytes out,
/// linear in what it reads), and nil on any malformed stream; checksums are not verified.
enum Inflate {
    /// The most bytes produced; a stream that would produce more is cut there (its start is what a model reads).
    static let maxOutput = 65_536

    /// The bytes inside a gzip member or a zlib stream, or nil when `data` is neither or is malformed.
    static func unwrap(_ data: [UInt8]) -> [UInt8]? {
        if data.count >= 18, data[0] == 0x1F, data[1] == 0x8B, data[2] == 8 {
            let flags = data[3]
            var i = 10
            if flags & 0x04 != 0 {
                guard i + 2 <= data.count else { return nil }
                i += 2 + (Int(data[i]) | Int(data[i + 1]) << 8)
            }
            for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
                while i < data.count, data[i] != 0 { i += 1 }
                i += 1
            }
            if flags & 0x02 != 0 { i += 2 }
            guard i < data.count else { return nil }
            return inflate(data, from: i)
        }
        if data.count >= 6, data[0] & 0x0F == 8, data[0] >> 4 <= 7, (Int(data[0]) << 8 | Int(data[1])) % 31 == 0, data[1] & 0x20 == 0 {
            return inflate(data, from: 2)
        }
        return nil
    }

    /// The raw DEFLATE stream of `data` from byte `start`, inflated.
    static func inflate(_ data: [UInt8], from start: Int) -> [UInt8]? {
        var reader = BitReader(data: data, position: start)
        var out: [UInt8] = []
        while out.count < maxOutput {
            guard let final = reader.bits(1), let type = reader.bits(2) else { return nil }
            switch type {
            case 0:
                reader.alignToByte()
                guard let length = reader.bits(16), let complement = reader.bits(16), length == ~complement & 0xFFFF else { return nil }
                for _ in 0..<length where out.count < maxOutput {
                    guard let b = reader.bits(8) else { return nil }
                    out.append(UInt8(b))
                }
            case 1:
                guard block(&reader, &out, Self.fixedLiterals, Self.fixedDistances) else { return nil }
            case 2:
                guard let (literals, distances) = dynamicCodes(&reader), block(&reader, &out, literals, distances) else { return nil }
            default:
                return nil
            }
            if final == 1 { break }
        }
        return out
    }

    /// Reads bits least significant first, as DEFLATE packs them.
    struct BitReader {
        let data: [UInt8]
        var position: Int
        var buffer = 0, count = 0

        init(data: [UInt8], position: Int) {
            self.data = data
            self.position = position
        }

        /// The next `n` bits (n ≤ 16), or nil at the end of the data.
        mutating func bits(_ n: Int) -> Int? {
            while count < n {
                guard position < data.count else { return nil }
                buffer |= Int(data[position]) << count
                position += 1
                count += 8
            }
            let value = buffer & ((1 << n) - 1)
            buffer >>= n
            count -= n
            return value
        }

        /// Drops the rest of the current byte (a stored block starts on a byte boundary).
        mutating func alignToByte() {
            buffer = 0
            count = 0
        }
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Code {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        /// The code for these code lengths (0 = unused), or nil when they over-subscribe the code space.
        init?(lengths: [Int]) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var left = 1
            for l in 1...15 {
                left <<= 1
                left -= counts[l]
                if left < 0 { return nil }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }

        /// The next symbol read from `reader`, or nil.
        func decode(_ reader: inout BitReader) -> Int? {
            var code = 0, first = 0, index = 0
            for l in 1...15 {
                guard let bit = reader.bits(1) else { return nil }
                code |= bit
                let count = counts[l]
                if code - count < first { return symbols[index + code - first] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            return nil
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let fixedLiterals = Code(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })!
    static let fixedDistances = Code(lengths: [Int](repeating: 5, count: 30))!
    /// The order code-length code lengths are sent in.
    static let lengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The literal/length and distance codes of a dynamic block.
    static func dynamicCodes(_ reader: inout BitReader) -> (Code, Code)? {
        guard let hlit = reader.bits(5), let hdist = reader.bits(5), let hclen = reader.bits(4) else { return nil }
        let literalCount = hlit + 257, distanceCount = hdist + 1
        guard literalCount <= 286, distanceCount <= 30 else { return nil }
        var codeLengths = [Int](repeating: 0, count: 19)
        for k in 0..<(hclen + 4) {
            guard let l = reader.bits(3) else { return nil }
            codeLengths[lengthOrder[k]] = l
        }
        guard let lengthCode = Code(lengths: codeLengths) else { return nil }
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            guard let symbol = lengthCode.decode(&reader) else { return nil }
            switch symbol {
            case 0...15:
                lengths.append(symbol)
            case 16:
                guard let previous = lengths.last, let r = reader.bits(2) else { return nil }
                lengths += [Int](repeating: previous, count: r + 3)
            case 17:
                guard let r = reader.bits(3) else { return nil }
                lengths += [Int](repeating: 0, count: r + 3)
            default:
                guard let r = reader.bits(7) else { return nil }
                lengths += [Int](repeating: 0, count: r + 11)
            }
        }
        guard lengths.count == literalCount + distanceCount, lengths[256] != 0,
              let literals = Code(lengths: Array(lengths[..<literalCount])),
              let distances = Code(lengths: Array(lengths[literalCount...])) else { return nil }
        return (literals, distances)
    }

    /// One compressed block into `out`; false when malformed. Stops early at `maxOutput`.
    static func block(_ reader: inout BitReader, _ out: inout [UInt8], _ literals: Code, _ distances: Code) -> Bool {
        while out.count < maxOutput {
            guard let symbol = literals.decode(&reader) else { return false }
            if symbol < 256 {
                out.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return true }
            let s = symbol - 257
            guard s < 29, let extra = reader.bits(lengthExtra[s]), let d = distances.decode(&reader), d < 30,
                  let dExtra = reader.bits(distanceExtra[d]) else { return false }
            let length = lengthBase[s] + extra, distance = distanceBase[d] + dExtra
            guard distance <= out.count else { return false }
            let from = out.count - distance
            for k in 0..<length where out.count < maxOutput { out.append(out[from + k]) }
        }
        return true
    }
}
