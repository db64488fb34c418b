import Testing
@testable import Risk

/// Names in every style split into the same words.
struct NameTokensTests {
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
        #expect(NameTokens(name).texts == words)
    }

    @Test func namespacesBecomeSegments() {
        #expect(NameTokens("k8s.pods.delete").segmentCount == 3)
        #expect(NameTokens("mcp__server__tool").segmentCount == 3)
        #expect(NameTokens("jira_create_issue").segmentCount == 1)
        #expect(NameTokens("github/repos:create").words.map(\.segment) == [0, 1, 2])
    }

    @Test func hostileNamesDoNotCrash() {
        for s in ["\u{1B}[31mred", "zero\u{200B}width", String(repeating: "a_", count: 10_000), "🙂_delete"] {
            _ = NameTokens(s)
            _ = ProseWords(s)
        }
        #expect(NameTokens("🙂_delete").texts == ["delete"])
    }
}
