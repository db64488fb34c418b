import Policy
import Testing

/// The YAML subset parser reads what policies (ours and hand-written ones) look like and refuses
/// the rest with the line.
struct YAMLSubsetParserTests {
    func parse(_ s: String) throws -> YAMLValue { try YAMLSubsetParser().parse(s) }

    @Test func blockStructures() throws {
        let v = try parse("""
        a: 1
        b:
          - x
          - y: 2
            z: [1, "two", 'thr''ee', {k: v}]
          -
            - nested
        c:
        - same-indent item
        d: {}
        e: []
        """)
        #expect(v["a"] == .int("1"))
        #expect(v["b"]?.sequenceValue?.count == 3)
        #expect(v["b"]?.sequenceValue?[1]["y"] == .int("2"))
        #expect(v["b"]?.sequenceValue?[1]["z"] == .sequence([.int("1"), .string("two"), .string("thr'ee"), .mapping([YAMLEntry(key: "k", value: .string("v"), line: 5)])]))
        #expect(v["b"]?.sequenceValue?[2] == .sequence([.string("nested")]))
        #expect(v["c"] == .sequence([.string("same-indent item")]))
        #expect(v["d"] == .mapping([]) && v["e"] == .sequence([]))
    }

    @Test func plainScalarsResolveLikeYAML12() throws {
        let v = try parse("a: yes\nb: no\nc: true\nd: ~\ne: 1e3\nf: -2.5\ng: 0x10\nh: 1.2.3\ni: null\nj: on\n")
        #expect(v["a"] == .string("yes") && v["b"] == .string("no") && v["j"] == .string("on"))
        #expect(v["c"] == .bool(true) && v["d"] == .null && v["i"] == .null)
        #expect(v["e"] == .float("1e3") && v["f"] == .float("-2.5") && v["g"] == .int("0x10") && v["h"] == .string("1.2.3"))
    }

    @Test func quotedScalarsAndEscapes() throws {
        let v = try parse(#"a: "x\ty\n\u00FC\U0001F600\e\"" # comment"# + "\n" + #"b: 'it''s # not a comment'"# + "\n" + #""key: with colon": v"#)
        #expect(v["a"] == .string("x\ty\nü😀\u{1B}\""))
        #expect(v["b"] == .string("it's # not a comment"))
        #expect(v["key: with colon"] == .string("v"))
    }

    @Test func commentsAndHashesInsideValues() throws {
        let v = try parse("# top\na: b#c # real comment\nurl: http://x/#frag\n")
        #expect(v["a"] == .string("b#c") && v["url"] == .string("http://x/#frag"))
    }

    @Test func blockScalars() throws {
        let v = try parse("a: |\n  line one\n  line two\nb: >-\n  folded\n  text\nc: end\n")
        #expect(v["a"] == .string("line one\nline two\n") && v["b"] == .string("folded text") && v["c"] == .string("end"))
    }

    @Test func flowCollectionsAcrossLines() throws {
        let v = try parse("value: [\"a\",\n  \"b\", # c\n  \"c\"]\nnext: 1\n")
        #expect(v["value"] == .sequence([.string("a"), .string("b"), .string("c")]) && v["next"] == .int("1"))
    }

    @Test func documentMarkersAndCRLF() throws {
        let v = try parse("---\r\na: 1\r\n...\r\n")
        #expect(v["a"] == .int("1"))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String, line: Int, message: String
        var testDescription: String { message }
    }

    static let bad: [Bad] = [
        Bad(text: "a: 1\na: 2\n", line: 2, message: "already defined"),
        Bad(text: "a:\n\t- x\n", line: 2, message: "tab"),
        Bad(text: "a: &x 1\n", line: 1, message: "anchors"),
        Bad(text: "a: *x\n", line: 1, message: "anchors"),
        Bad(text: "a: \"open\n", line: 1, message: "unterminated"),
        Bad(text: "a: [1, 2\n", line: 1, message: "unclosed"),
        Bad(text: "a: 1\n  b: 2\n", line: 2, message: "indentation"),
        Bad(text: "a: \"\\q\"\n", line: 1, message: "invalid escape"),
        Bad(text: "a: b\n- c\n", line: 2, message: "expected"),
    ]

    @Test(arguments: bad)
    func refusedWithLine(b: Bad) {
        do {
            _ = try YAMLSubsetParser().parse(b.text)
            Issue.record("accepted \(b.text)")
        } catch {
            #expect(error.line == b.line && error.message.contains(b.message), "\(error)")
        }
    }

    @Test func depthIsLimited() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: YAMLParseError.self) { try YAMLSubsetParser().parse("a: " + deep) }
        var nested = ""
        for i in 0..<100 { nested += String(repeating: " ", count: i * 2) + "k:\n" }
        #expect(throws: YAMLParseError.self) { try YAMLSubsetParser().parse(nested) }
        #expect(throws: YAMLParseError.self) { try YAMLSubsetParser(maxBytes: 10).parse("a: 0123456789") }
    }
}
