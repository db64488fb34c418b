import Testing
@testable import Risk

/// The byte reader of generated weight tables reads what splitting the text into strings and `Double(_:)`
/// read, number for number, and skips the lines they skip.
struct WeightRowsTests {
    /// The rows the string way reads (as the learned reading read its table before): lines of a key and
    /// `width` numbers.
    static func stringRows(_ text: String, width: Int) -> [(key: String, weights: [Double])] {
        text.utf8.split(separator: 0x0A).compactMap { line in
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count == width + 1 else { return nil }
            let weights = fields.dropFirst().compactMap { Double(Substring($0)) }
            return weights.count == width ? (String(Substring(fields[0])), weights) : nil
        }
    }

    @Test func theTrainedTableReadsAsStringsAndDoubleReadIt() {
        let rows = WeightRows(LearnedReading.table, width: 5)
        let expected = Self.stringRows(LearnedReading.table, width: 5)
        #expect(rows.count == expected.count && rows.count > 10_000)
        var differing = 0
        for (row, (key, weights)) in expected.enumerated() where row < rows.count {
            let same = rows.bytes[rows.key(row)].elementsEqual(key.utf8)
                && (0..<5).allSatisfy { rows.weight(row, $0).bitPattern == weights[$0].bitPattern }
            if !same { differing += 1 }
        }
        #expect(differing == 0)
    }

    @Test func numbersAreReadExactlyAsDoubleReadsThem() {
        let fields = ["0", "-0", "0.5", "-0.7885", "1.001", "0.1", "0.30000000000000004", "123456789012345", "1234567890123456",
                      "99999999999999999999", "1e-3", "-2.5E+2", "+1", "1.", ".5", "", "-", "--1", "1.2.3", "0x10", "inf", "nan",
                      " 1", "1 ", "1\r", "00.25", "-0.0", "0.000000000000001", "0.0000000000000001", "0.12345678901234", "-9.87654321098765"]
        for field in fields {
            let read = Array(field.utf8).withUnsafeBufferPointer { WeightRows.number($0) }
            #expect(read?.bitPattern == Double(field)?.bitPattern, "\(field.debugDescription)")
        }
    }

    @Test func badLinesAreSkippedWhole() {
        let text = "a\t1\t2\nb\t1\nc\t1\t2\t3\nd\t1\tx\n\ne\t-0.5\t0.25\r\nf\t3\t4"
        let rows = WeightRows(text, width: 2)
        #expect(rows.count == 2)
        #expect(String(decoding: rows.bytes[rows.key(0)], as: UTF8.self) == "a" && rows.weight(0, 1) == 2)
        #expect(String(decoding: rows.bytes[rows.key(1)], as: UTF8.self) == "f" && rows.weight(1, 0) == 3)
        #expect(Self.stringRows(text, width: 2).map(\.key) == ["a", "f"])
    }

    @Test func notesFollowTheNumbers() {
        // The shape of a table keyed by a hexadecimal hash: key, one weight, a name.
        let rows = WeightRows("00ff\t0.75\tsend it\n1a2b\t-1\t\nbad\t1\n", width: 1, notes: 1)
        #expect(rows.count == 2)
        #expect(String(decoding: rows.bytes[rows.key(0)], as: UTF8.self) == "00ff" && rows.weight(0, 0) == 0.75)
        #expect(String(decoding: rows.bytes[rows.note(0, 0)], as: UTF8.self) == "send it")
        #expect(String(decoding: rows.bytes[rows.key(1)], as: UTF8.self) == "1a2b" && rows.weight(1, 0) == -1)
        #expect(rows.note(1, 0).isEmpty)
        #expect(rows.hexKey(0) == 0xFF && rows.hexKey(1) == 0x1A2B)
        let keys = WeightRows("ffffffffffffffff\t1\tx\n1ffffffffffffffff\t1\tx\nxyz\t1\tx\n\t1\tx\nDEADbeef\t1\tx\n", width: 1, notes: 1)
        #expect((0..<keys.count).map { keys.hexKey($0) } == [UInt64.max, nil, nil, nil, 0xDEADBEEF])
    }
}
