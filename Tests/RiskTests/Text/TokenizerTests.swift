import Testing
@testable import Risk

struct TokenizerTests {
    @Test func proseWords() {
        let t = TokenizedText("Don't delete the user's files. Then RUN it!")
        #expect(t.texts == ["do", "not", "delete", "the", "user", "files", "then", "run", "it"])
        #expect(t.firstSentence == 0..<6)
    }

    @Test func identifierWords() {
        let t = TokenizedText("GetAHOReadSetMetadata", mode: .identifier)
        #expect(t.texts == ["get", "aho", "read", "set", "metadata"])
        let k = TokenizedText("k8s.pods.delete", mode: .identifier)
        #expect(k.texts == ["k8s", "pods", "delete"])
        #expect(k.words.map(\.segment) == [0, 1, 2])
        let m = TokenizedText("mcp__github__create_issue", mode: .identifier)
        #expect(m.texts == ["mcp", "github", "create", "issue"])
        #expect(m.words.map(\.segment) == [0, 1, 2, 2])
    }

    /// `CharacterClass.fold` skips the lowercase mapping of a scalar that does not change when lowercased,
    /// and of Han, kana and hangul: for every scalar, that gives what the mapping gives.
    @Test func foldingSkipsOnlyScalarsTheMappingLeavesAlone() {
        var differing: [UInt32] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v), !s.properties.changesWhenLowercased else { continue }
            let lower = s.properties.lowercaseMapping.unicodeScalars
            if (lower.count == 1 ? lower.first!.value : v) != v { differing.append(v) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        // Han, kana and hangul are kept without a look: none has a lowercase form.
        let cased = (UInt32(0x1100)...0x2FFFF).filter { Tokenizer.isCJK($0) && Unicode.Scalar($0).map { Array($0.properties.lowercaseMapping.unicodeScalars) != [$0] } ?? false }
        #expect(cased.isEmpty, "\(cased.prefix(5))")
        #expect(CharacterClass.fold(0xC9) == 0xE9 && CharacterClass.fold(0x212A) == 0x6B && CharacterClass.fold(0x4E00) == 0x4E00)
        #expect(CharacterClass.fold(0x130) == 0x130, "İ lowercases to two scalars: kept")
    }
}
