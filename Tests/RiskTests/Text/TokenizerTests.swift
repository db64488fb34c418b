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
}
