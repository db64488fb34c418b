import JSON
import Testing
import TestSupport

/// Every shape that once made the parser quadratic, at n and 10n in one process: 10x the input must
/// cost under 15x (a quadratic parser costs ~100x). Inputs are kept small enough for CI.
struct JSONParserGrowthTests {
    static func parse(_ bytes: [UInt8]) throws { _ = try JSONParser().parse(bytes) }

    static func check(_ name: String, n: Int, input: (Int) -> [UInt8]) throws {
        let result = try GrowthCheck.measure(n: n, input: input, parse)
        #expect(result.ratio < 15, "\(name): \(result)")
    }

    @Test func arrayOfNumbers() throws {
        try Self.check("array of numbers", n: 8_000) { n in
            Array(("[" + (0..<n).map { String($0 % 1000) }.joined(separator: ",") + "]").utf8)
        }
    }

    @Test func objectWithManyKeys() throws {
        try Self.check("object with many keys", n: 2_000) { n in
            Array(("{" + (0..<n).map { "\"key\($0)\":\($0)" }.joined(separator: ",") + "}").utf8)
        }
    }

    @Test func oneKeyRepeated() throws {
        try Self.check("one key repeated", n: 5_000) { n in
            Array(("{" + Array(repeating: "\"k\":1", count: n).joined(separator: ",") + "}").utf8)
        }
    }

    @Test func loneSurrogates() throws {
        try Self.check("lone surrogates", n: 5_000) { n in
            Array(("[\"" + String(repeating: "\\ud800", count: n) + "\"]").utf8)
        }
    }

    @Test func manyStringsWithALoneSurrogateEach() throws {
        try Self.check("strings with a lone surrogate each", n: 5_000) { n in
            Array(("[" + Array(repeating: #""\udc00""#, count: n).joined(separator: ",") + "]").utf8)
        }
    }

    @Test func invalidBytesInAString() throws {
        try Self.check("0xFF bytes in a string", n: 200_000) { n in
            Array("[\"".utf8) + [UInt8](repeating: 0xFF, count: n) + Array("\"]".utf8)
        }
    }

    @Test func invalidBytesBetweenText() throws {
        try Self.check("0xFF bytes between letters", n: 20_000) { n in
            Array("[\"".utf8) + (0..<n).flatMap { _ in [0xFF, UInt8(ascii: "a")] } + Array("\"]".utf8)
        }
    }

    @Test func longEnumInAToolsList() throws {
        try Self.check("tools/list with a long enum", n: 5_000) { n in
            let values = (0..<n).map { "\"value-\($0)\"" }.joined(separator: ",")
            return Array(#"{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"pick","inputSchema":{"type":"object","properties":{"v":{"type":"string","enum":["#.utf8)
                + Array(values.utf8) + Array("]}}}}]}}".utf8)
        }
    }

    @Test func deepNestingIsSkippedLinearly() throws {
        try Self.check("deep nesting", n: 20_000) { n in
            Array((String(repeating: "[", count: n) + String(repeating: "]", count: n)).utf8)
        }
    }

    @Test func buildingABigObjectByKey() {
        let result = GrowthCheck.measure(n: 2_000, input: { n in (0..<n).map { ("key\($0)", JSONValue.int($0)) } }) { members in
            var object = JSONObject()
            for (k, v) in members { object[k] = v }
            for (k, _) in members { precondition(object[k] != nil) }
        }
        #expect(result.ratio < 15, "JSONObject by key: \(result)")
    }
}
