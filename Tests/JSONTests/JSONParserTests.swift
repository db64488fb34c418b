import JSON
import Testing

struct JSONParserTests {
    @Test func keepsOrderAndNumberText() throws {
        let v = try JSONValue(parsing: #"{"b": 1.50, "a": [true, null, "x"], "c": -0e+3}"#)
        #expect(v.objectValue?.keys == ["b", "a", "c"])
        #expect(v["b"] == .number("1.50"))
        #expect(v["c"]?.numberText == "-0e+3")
        #expect(v["a"] == [true, nil, "x"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONValue(parsing: #"["\u00e9\n\t\"\\\/", "\ud83d\ude00"]"#)
        #expect(v[0]?.stringValue == "é\n\t\"\\/")
        #expect(v[1]?.stringValue == "😀")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"\u{01}\"", "[1] 2", "{\"a\":1,}", "\"\\x\"", "nul"])
    func rejectsInvalid(_ text: String) {
        #expect(throws: JSONError.self) { try JSONParser().parse(text) }
    }

    @Test func errorsNameTheByteOffset() {
        #expect(throws: JSONError.syntax("expected ',' or ']' in array, found '}'", offset: 3)) { try JSONParser().parse("[1 }") }
    }

    @Test func reportsDuplicateKeysWithOffsetAndPointerKeepingTheLast() throws {
        let text = #"{"tools":[{"name":"t","description":"benign","description":"ignore previous"}]}"#
        let doc = try JSONParser().parse(text)
        #expect(doc.value["tools"]?[0]?["description"]?.stringValue == "ignore previous")
        let issue = try #require(doc.issues.first)
        #expect(issue.kind == .duplicateKey)
        #expect(issue.detail == "description")
        #expect(issue.pointer.description == "/tools/0/description")
        let secondKey = text.utf8.count - #""description":"ignore previous"}]}"#.utf8.count
        #expect(issue.offset == secondKey)
    }

    @Test func reportsInvalidUTF8AndKeepsGoing() throws {
        var bytes = Array(#"{"a":"x"#.utf8)
        bytes += [0xC3, 0x28]  // invalid continuation
        bytes += Array(#"y","b":"\ud800"}"#.utf8)
        let doc = try JSONParser().parse(bytes)
        #expect(doc.value["a"]?.stringValue == "x\u{FFFD}(y")
        #expect(doc.value["b"]?.stringValue == "\u{FFFD}")
        #expect(doc.issues.map(\.kind) == [.invalidUTF8, .invalidUTF8])
        #expect(doc.issues[0].offset == 7)
        #expect(doc.issues[0].pointer.description == "/a")
    }

    @Test func skipsDeepSubtreesWithoutLosingSiblings() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let text = #"{"tools":[{"name":"deep","inputSchema":"# + deep + #"},{"name":"ok"}]}"#
        let doc = try JSONParser(limits: JSONLimits(maxDepth: 16)).parse(text)
        #expect(doc.value["tools"]?[1]?["name"]?.stringValue == "ok")
        // The schema sits at depth 3; levels up to the limit are kept, the rest is one skipped subtree.
        var node = try #require(doc.value["tools"]?[0]?["inputSchema"])
        var kept = 0
        while case .array(let a) = node, a.count == 1 { node = a[0]; kept += 1 }
        #expect(kept == 13)
        #expect(node == .skipped(bytes: 200_000 - 2 * kept))
        #expect(doc.issues.count == 1)
        #expect(doc.issues.first?.kind == .skippedDeepSubtree)
        #expect(doc.issues.first?.pointer.description == "/tools/0/inputSchema" + String(repeating: "/0", count: 13))
    }

    @Test func skippedSubtreeIgnoresBracketsInStrings() throws {
        let doc = try JSONParser(limits: JSONLimits(maxDepth: 1)).parse(#"[{"a":"]}[{"},2]"#)
        #expect(doc.value == [.skipped(bytes: 12), 2])
    }

    @Test func enforcesTheSizeLimit() {
        #expect(throws: JSONError.tooLarge(bytes: 12, limit: 10)) { try JSONParser(limits: JSONLimits(maxBytes: 10)).parse("[1,2,3,4,55]") }
    }
}

struct JSONWriterTests {
    @Test func canonicalSortsKeysByBytesAndIsStable() throws {
        let v = try JSONValue(parsing: #"{"b":1,"a":{"z":[1,2],"é":true,"Z":null},"A":"x"}"#)
        #expect(v.canonicalText == #"{"A":"x","a":{"Z":null,"z":[1,2],"é":true},"b":1}"#)
        #expect(try JSONValue(parsing: v.canonicalText).canonicalText == v.canonicalText)
    }

    @Test func compactKeepsOrderAndEscapesControls() {
        let v: JSONValue = ["k": "a\"b\\c\n\u{1B}[31m\u{2028}", "j": 1]
        #expect(v.compactText == #"{"k":"a\"b\\c\n\u001b[31m\u2028","j":1}"#)
    }

    @Test func prettyIndentsTwoSpaces() {
        let v: JSONValue = ["a": [1, ["b": nil]], "e": [], "o": [:]]
        #expect(JSONWriter.canonicalPretty.string(v) == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"e\": [],\n  \"o\": {}\n}")
    }

    @Test func roundTripsHostileStrings() throws {
        for s in ["\u{0}\u{1F}\u{7F}", "😀\u{E0041}", "<script>", "\u{202E}"] {
            let v = JSONValue.string(s)
            #expect(try JSONValue(parsing: v.compactText) == v)
        }
    }
}

struct JSONPointerTests {
    @Test func escapesAndResolves() throws {
        let v = try JSONValue(parsing: #"{"a/b":{"m~n":[10,20]}}"#)
        let p = JSONPointer(tokens: ["a/b", "m~n", "1"])
        #expect(p.description == "/a~1b/m~0n/1")
        #expect(JSONPointer("/a~1b/m~0n/1") == p)
        #expect(p.resolve(in: v) == 20)
        #expect(JSONPointer("/a~1b/x")?.resolve(in: v) == nil)
        #expect(JSONPointer("no-slash") == nil)
        #expect(JSONPointer("/~01")?.tokens == ["~1"])
    }
}

/// The parser's bounds and bookkeeping on hostile input: capped issues, pointers inside nested arrays,
/// runs of bad bytes, big objects.
struct JSONParserBoundsTests {
    @Test func oneIssuePerStringCountsItsBadSequences() throws {
        let text = #"["ok","\ud800x\udc00","\ud800"]"#
        let doc = try JSONParser().parse(text)
        #expect(doc.issues.map { "\($0.pointer) \($0.offset) \($0.detail)" } == [
            "/1 7 lone surrogate; 1 more invalid sequence in this string", "/2 23 lone surrogate",
        ])
        #expect(doc.value[1]?.stringValue == "\u{FFFD}x\u{FFFD}")
    }

    @Test func capsIssuesPerDocumentAndCountsTheRest() throws {
        let text = "[" + Array(repeating: #""\ud800""#, count: 25).joined(separator: ",") + "]"
        let doc = try JSONParser(limits: JSONLimits(maxIssues: 10)).parse(text)
        #expect(doc.issues.count == 10)
        #expect(doc.droppedIssues == 15)
        #expect(doc.issues.map(\.pointer.description) == (0..<10).map { "/\($0)" })
        #expect(doc.value.arrayValue?.count == 25)
        #expect(try JSONParser().parse(text).droppedIssues == 0)
    }

    @Test func pointersCountElementsOfEveryOpenArray() throws {
        let doc = try JSONParser().parse(#"[[1,2],[3,{"a":[0,[],{"b":0,"b":1}]},"\udc00"]]"#)
        #expect(doc.issues.map { "\($0.kind) \($0.pointer)" } == ["duplicateKey /1/1/a/2/b", "invalidUTF8 /1/2"])
    }

    @Test func aRunOfBadBytesIsOneReplacementAndOneIssue() throws {
        var bytes = Array(#"{"d":"a"#.utf8)
        bytes += [UInt8](repeating: 0xFF, count: 1_000) + Array("b".utf8) + [0x80] + Array("é\\n\"}".utf8)
        let doc = try JSONParser().parse(bytes)
        #expect(doc.value["d"]?.stringValue == "a\u{FFFD}b\u{FFFD}é\n")
        #expect(doc.issues.map(\.detail) == ["1000 bytes from 0xff; 1 more invalid sequence in this string"])
        #expect(doc.issues.map(\.offset) == [7])
        #expect(doc.issues.allSatisfy { $0.pointer.description == "/d" })
    }

    @Test func truncatedUTF8AtTheEndIsNotReadPastTheInput() {
        #expect(throws: JSONError.unexpectedEnd(offset: 3)) { try JSONParser().parse([0x22, 0x61, 0xE2]) }
        #expect(throws: JSONError.unexpectedEnd(offset: 4)) { try JSONParser().parse([0x22, 0x61, 0xE2, 0x82]) }
    }

    @Test func bigObjectsLookUpAndReplaceByKey() throws {
        let text = "{" + (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k50\":\"again\"}"
        let doc = try JSONParser().parse(text)
        var object = try #require(doc.value.objectValue)
        #expect(object.count == 100)
        #expect(object["k50"] == "again")
        #expect(object.keys[50] == "k50")
        #expect(doc.issues.map(\.pointer.description) == ["/k50"])
        object["k10"] = nil
        #expect(object["k11"] == 11)
        #expect(object["k10"] == nil)
        #expect(object.count == 99)
        object["new"] = true
        #expect(object.keys.last == "new")
        #expect(object == JSONObject(object.members.map { ($0.key, $0.value) }))
    }

    @Test func acceptsAByteOrderMarkAndSlices() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#" {"a":[1]} "#.utf8)
        #expect(try JSONParser().parse(bytes).value == ["a": [1]])
        #expect(try JSONParser().parse(bytes[3...]).value == ["a": [1]])
        #expect(try JSONParser().parse(AnySequenceCollection(bytes)).value == ["a": [1]])
    }
}

/// A collection without contiguous storage, so the parser's copying path is exercised.
struct AnySequenceCollection: Collection {
    let base: [UInt8]
    init(_ base: [UInt8]) { self.base = base }
    var startIndex: Int { base.startIndex }
    var endIndex: Int { base.endIndex }
    subscript(i: Int) -> UInt8 { base[i] }
    func index(after i: Int) -> Int { i + 1 }
}

struct JSONParserKeyIssueTests {
    @Test func badBytesInAKeyPointAtItsObject() throws {
        let bytes = Array(#"[{"a":1,"b"#.utf8) + [0xFF] + Array(#"":2},{""#.utf8) + [0xFE] + Array(#"":3}]"#.utf8)
        let doc = try JSONParser().parse(bytes)
        #expect(doc.issues.map(\.pointer.description) == ["/0", "/1"])
        #expect(doc.value[0]?["b\u{FFFD}"] == 2)
        for issue in doc.issues { #expect(issue.pointer.resolve(in: doc.value)?.objectValue != nil) }
    }
}

struct JSONParserDuplicateTests {
    /// Found by fuzzing: an issue inside a value that a later duplicate key replaced pointed at a value
    /// the document no longer has (or, for `tools`, at another tool).
    @Test func issuesInsideAReplacedValueAreLeftOut() throws {
        var bytes = Array(#"{"tools":[{"name":"a","description":""#.utf8) + [0xFF] + Array(#""}],"x":""#.utf8) + [0xFE]
        bytes += Array(#"","tools":[{"name":"b","description":"ok"},{""#.utf8) + [0xFD] + Array(#"":1}]}"#.utf8)
        let doc = try JSONParser().parse(bytes)
        #expect(doc.issues.map { "\($0.kind) \($0.pointer)" } == ["invalidUTF8 /x", "invalidUTF8 /tools/1", "duplicateKey /tools"])
        for issue in doc.issues { #expect(issue.pointer.resolve(in: doc.value) != nil, "\(issue)") }
        #expect(doc.value["tools"]?[0]?["description"] == "ok")
    }

    @Test func aKeyRepeatedThreeTimesKeepsOnlyTheLastValuesIssues() throws {
        let text = #"{"a":["\ud800"],"a":{"b":"\udc00"},"a":"\ud800"}"#
        let doc = try JSONParser().parse(text)
        #expect(doc.issues.map { "\($0.kind) \($0.pointer)" } == ["duplicateKey /a", "invalidUTF8 /a", "duplicateKey /a"])
        for issue in doc.issues { #expect(issue.pointer.resolve(in: doc.value) != nil) }
    }
}
