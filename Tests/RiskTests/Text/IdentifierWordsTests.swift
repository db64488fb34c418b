import Testing
@testable import Risk

/// Names in every style split into the same words.
struct IdentifierWordsTests {
    @Test(arguments: [
        ("GetAHOReadSetMetadata", ["get", "aho", "read", "set", "metadata"]),
        ("jira_create_issue", ["jira", "create", "issue"]),
        ("k8s.pods.delete", ["k8s", "pods", "delete"]),
        ("mcp__server__tool", ["mcp", "server", "tool"]),
        ("json_arrtrim", ["json", "arrtrim"]),
        ("cancelSubscription", ["cancel", "subscription"]),
        ("list-and-purge-expired", ["list", "and", "purge", "expired"]),
        ("S3BucketList", ["s3", "bucket", "list"]),
        ("HTTPRequest", ["http", "request"]),
        ("", []),
    ])
    func splits(_ name: String, _ words: [String]) {
        #expect(TokenizedText(name, mode: .identifier).texts == words)
    }

    @Test func namespacesBecomeSegments() {
        #expect(TokenizedText("k8s.pods.delete", mode: .identifier).words.map(\.segment) == [0, 1, 2])
        #expect(TokenizedText("mcp__server__tool", mode: .identifier).words.map(\.segment) == [0, 1, 2])
        #expect(TokenizedText("jira_create_issue", mode: .identifier).words.map(\.segment) == [0, 0, 0])
        #expect(TokenizedText("github/repos:create", mode: .identifier).words.map(\.segment) == [0, 1, 2])
    }

    @Test func hostileNamesDoNotCrash() {
        for s in ["\u{1B}[31mred", "zero\u{200B}width", String(repeating: "a_", count: 10_000), "🙂_delete"] {
            _ = TokenizedText(s, mode: .identifier)
            _ = TokenizedText(s)
        }
        #expect(TokenizedText("🙂_delete", mode: .identifier).texts == ["delete"])
    }
}
