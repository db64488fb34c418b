import Definitions
import JSON
import Testing
@testable import Risk

/// The assessor's shortcuts give what the long way gives: the learned screen the string features' odds,
/// the prefix trie and needle searches what a plain scan finds, shared splits only for the same bytes.
struct AssessShortcutTests {
    @Test func theLearnedScreenGivesTheStringFeaturesOdds() throws {
        let model = LearnedReading.trained
        let tools = [
            #"{"name": "getUserInfo", "description": "Gets the user's info. Gets it fast, the info.", "inputSchema": {"properties": {"userId": {}, "user_name": {}}}}"#,
            #"{"name": "delete_branch", "description": "Deletes a branch from the repository", "inputSchema": {"properties": {"branch": {}}}}"#,
            #"{"name": "x"}"#,
        ]
        for json in tools {
            let tool = try #require(ToolContext(JSONValue(parsing: json), index: 0))
            let evidence = [Evidence(ruleId: "name-verb", category: .write, weight: 60, quote: "Gets", pointer: tool.namePointer, reason: "test"),
                            Evidence(ruleId: "name-verb", category: .write, weight: 20, quote: "user", pointer: tool.namePointer, reason: "test"),
                            Evidence(ruleId: "description-verb", category: .read, weight: 60, quote: "info", pointer: tool.namePointer, reason: "test")]
            for e in [evidence, []] {
                let slow = model.probabilities(LearnedFeatures.of(name: tool.name, description: tool.description,
                                                                  parameterNames: LearnedFeatures.parameterNames(tool.json), category: .write, evidence: e))
                let fast = try #require(model.screenProbabilities(tool: tool, category: .write, evidence: e))
                #expect(zip(slow, fast).allSatisfy { abs($0 - $1) < 1e-12 }, "\(json): \(slow) vs \(fast)")
            }
        }
        // A quote outside ASCII is left to the string features.
        let tool = try #require(ToolContext(JSONValue(parsing: #"{"name": "crear"}"#), index: 0))
        let e = Evidence(ruleId: "name-verb", category: .write, weight: 60, quote: "Créer", pointer: tool.namePointer, reason: "test")
        #expect(model.screenProbabilities(tool: tool, category: .write, evidence: [e]) == nil)
    }

    @Test func theLearnedTableFindsWhatAStringLookupFinds() {
        // KELVIN SIGN equals `K` as a `String`: the byte table finds the row under the ASCII spelling too.
        let text = "n=\u{212A}ey\t1\t2\t3\t4\t5\nd=read\t5\t4\t3\t2\t1\nd=caf\u{E9}\t7\t0\t0\t0\t0\n"
        let table = LearnedTable(WeightRows(text, width: 5))
        let kelvin = Array("n=Key".utf8)[...], read = Array("d=read".utf8)[...], other = Array("d=reads".utf8)[...]
        #expect(table.row(kelvin, hash: LearnedTable.hash(kelvin)).map { table.weight($0, 0) } == 1)
        #expect(table.row(read, hash: LearnedTable.hash(read)).map { table.weight($0, 4) } == 1)
        #expect(table.row(other, hash: LearnedTable.hash(other)) == nil)
        // As strings, every spelling a dictionary would take finds the row, and no other.
        let dictionary = ["n=\u{212A}ey": 0, "d=read": 1, "d=caf\u{E9}": 2]
        for feature in ["n=Key", "n=\u{212A}ey", "d=read", "d=caf\u{E9}", "d=cafe\u{301}", "d=cafe", "n=key", "d=reads", ""] {
            #expect(table.row(of: feature) == dictionary[feature], "\(feature)")
        }
        // Of equal keys the last line counts, as when a dictionary is filled line by line.
        let twice = LearnedTable(WeightRows("n=K\t1\t0\t0\t0\t0\nn=\u{212A}\t2\t0\t0\t0\t0\nd=a\t3\t0\t0\t0\t0\nd=a\t4\t0\t0\t0\t0\n", width: 5))
        #expect(twice.row(of: "n=K").map { twice.weight($0, 0) } == 2)
        #expect(twice.row(of: "n=\u{212A}").map { twice.weight($0, 0) } == 2)
        #expect(twice.row(of: "d=a").map { twice.weight($0, 0) } == 4)
    }

    @Test func thePrefixTrieFindsEveryPrefixAScanFinds() {
        let prefixes = ["a", "ab", "abc", "instruct", "instr", "b", "zz", "ü", "über"].map { Array($0.utf8) }
        let trie = PrefixTrie(prefixes.enumerated().map { ($0.element, $0.offset) })
        for word in ["abcd", "a", "instructions", "instr", "b", "zzz", "über", "übel", "x", "ins"] {
            let bytes = Array(word.utf8)
            var found: [Int] = []
            bytes.withUnsafeBufferPointer { trie.each(in: $0, from: 0, to: $0.count) { found.append($0) } }
            let scanned = prefixes.indices.filter { bytes.starts(with: prefixes[$0]) }
            #expect(found.sorted() == scanned, "\(word)")
        }
    }

    @Test func needleSearchesThatStopEarlyAgreeWithTheFullOne() {
        let set = NeedleSet<Int>([("revers", wholeWord: false, 1), ("al revés", wholeWord: false, 2), ("ssh", wholeWord: true, 3)])
        for text in ["Read it in REVERSE", "nothing here", "léelo al revés", "push over ssh", "pushssh", ""] {
            let folded = Tokenizer.foldedBytes(of: text)
            #expect(set.hasMatch(in: folded) == !set.matches(in: folded).isEmpty, "\(text)")
        }
        let hints = RotationText.reverseHints
        #expect(hints.hasMatch(inLoweredASCII: Array("Read it BACKWARDS".utf8)) == true)
        #expect(hints.hasMatch(inLoweredASCII: Array("plain words".utf8)) == false)
        #expect(hints.hasMatch(inLoweredASCII: Array("léelo AL REVÉS".utf8)) == nil, "a byte outside ASCII before any match")
        #expect(hints.hasMatch(inLoweredASCII: Array("reverse it, señor".utf8)) == true, "a match before the first byte outside ASCII")
    }

    @Test func aSplitIsSharedOnlyForTheSameBytes() {
        let cache = TextCache()
        let first = cache.split("Delete the café")
        #expect(cache.split("Delete the café") === first)
        // Canonically equivalent (equal as `String`s) but other bytes: split apart, so quotes keep the bytes sent.
        let decomposed = cache.split("Delete the cafe\u{301}")
        #expect(decomposed !== first && decomposed.original.utf8.elementsEqual("Delete the cafe\u{301}".utf8))
        #expect(cache.split("delete", mode: .identifier) !== cache.split("delete", mode: .prose))
    }

    @Test func aPointerKeyIsItsPointer() {
        let a = JSONPointer("/tools/3/inputSchema/properties/path/description")!
        let b = JSONPointer("/tools/3/inputSchema/properties/name/description")!
        let map = [PointerKey(a): 1, PointerKey(b): 2]
        #expect(map[PointerKey(JSONPointer("/tools/3/inputSchema/properties/path/description")!)] == 1)
        #expect(map[PointerKey(JSONPointer("/tools/4/inputSchema/properties/path/description")!)] == nil)
        #expect(PointerKey(a) != PointerKey(b))
    }
}
