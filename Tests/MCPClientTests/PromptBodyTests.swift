import JSON
import MCPClient
import Testing
import TestSupport

/// Prompt bodies: each listed prompt is fetched with `prompts/get` and placeholder arguments; a prompt that
/// cannot be fetched is an anomaly, never a failed scan; `readPromptBodies` turns it off.
struct PromptBodyTests {
    /// Two prompts (one with arguments), a body for the first, an error for the second.
    @Sendable static func server(_ request: JSONValue) async -> [String] {
        guard let method = request["method"]?.stringValue, request["id"] != nil else { return [] }
        switch method {
        case "initialize": return [resultLine(request, initializeResult)]
        case "tools/list": return [resultLine(request, "{\"tools\":[{\"name\":\"t\",\"inputSchema\":{}}]}")]
        case "prompts/list":
            return [resultLine(request, "{\"prompts\":[{\"name\":\"review\",\"arguments\":[{\"name\":\"pr\",\"required\":true},{\"name\":\"focus\"}]},{\"name\":\"broken\"}]}")]
        case "prompts/get":
            if request["params"]?["name"] == "broken" { return [errorLine(request, code: -32603, message: "template failed")] }
            let pr = request["params"]?["arguments"]?["pr"]?.stringValue ?? "?"
            return [resultLine(request, "{\"description\":\"Review\",\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Review PR \(pr)\"}}]}")]
        case "resources/list": return [resultLine(request, "{\"resources\":[]}")]
        case "resources/templates/list": return [resultLine(request, "{\"resourceTemplates\":[]}")]
        default: return [errorLine(request, code: -32601, message: "Method not found")]
        }
    }

    @Test func bodiesAreReadWithPlaceholderArgumentsAndFailuresAreAnomalies() async throws {
        let (snapshot, seen) = await crawlScripted(Self.server)
        #expect(snapshot.completeness == .complete)
        let bodies = snapshot.definitions.promptBodies
        try #require(bodies.count == 2)
        #expect(bodies[0]["arguments"] == ["pr": "example", "focus": "example"])
        #expect(bodies[0]["result"]?["messages"]?[0]?["content"]?["text"] == "Review PR example")
        #expect(bodies[1]["error"]?["message"]?.stringValue?.contains("template failed") == true)
        #expect(snapshot.anomalyKinds.contains("prompt-get-failed"))
        #expect(seen.filter { $0["method"] == "prompts/get" }.count == 2)
        // The bodies are part of the snapshot document, after the prompts.
        #expect(snapshot.definitions.document.objectValue?.keys.contains("promptBodies") == true)
    }

    @Test func bodiesAreNotReadWhenTurnedOff() async {
        var options = CrawlOptions(requestTimeout: 5, totalTimeout: 20)
        options.readPromptBodies = false
        let (snapshot, seen) = await crawlScripted(options: options, Self.server)
        #expect(snapshot.completeness == .complete && snapshot.definitions.promptBodies.isEmpty)
        #expect(!seen.contains { $0["method"] == "prompts/get" })
    }

    @Test func aPromptThatNeverAnswersIsAnAnomalyAndTheScanCompletes() async {
        let options = CrawlOptions(requestTimeout: 0.3, totalTimeout: 20)
        let (snapshot, _) = await crawlScripted(options: options) { request in
            if request["method"] == "prompts/get", request["params"]?["name"] == "review" { return [] }
            return await Self.server(request)
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.definitions.promptBodies.count == 2)
        #expect(snapshot.anomalies.contains { $0.kind == "prompt-get-failed" && $0.message.contains("no answer") })
    }

    @Test func bodiesAreBoundedInCountAndBytes() async {
        var few = CrawlOptions(requestTimeout: 5, totalTimeout: 20)
        few.maxPromptBodies = 1
        let (counted, seenCounted) = await crawlScripted(options: few, Self.server)
        #expect(counted.completeness == .complete && counted.definitions.promptBodies.count == 1)
        #expect(counted.anomalyKinds.contains("prompt-bodies-limited"))
        #expect(seenCounted.filter { $0["method"] == "prompts/get" }.count == 1)

        var small = CrawlOptions(requestTimeout: 5, totalTimeout: 20)
        small.maxPromptBodyBytes = 20
        let (sized, _) = await crawlScripted(options: small, Self.server)
        #expect(sized.completeness == .complete)
        #expect(sized.definitions.promptBodies.first?["error"]?["message"]?.stringValue?.contains("limit is 20 bytes") == true)
    }

    @Test func snapshotFilesCarryBodiesAlignedByName() throws {
        let text = """
        {"tools": [{"name": "t"}], "prompts": [{"name": "a"}, {"name": "b"}],
         "promptBodies": [{"name": "b", "arguments": {}, "result": {"messages": []}}, {"name": "a", "arguments": {}, "result": {"messages": [], "description": "x", "description": "y"}}]}
        """
        let snapshot = try ServerSnapshot(fileBytes: Array(text.utf8), target: "f.json")
        #expect(snapshot.definitions.promptBodies.map { $0["name"]?.stringValue } == ["a", "b"])
        // The parser's issue inside a's body follows it to its new place.
        #expect(snapshot.definitions.parseIssues.map(\.pointer.description) == ["/promptBodies/0/result/description"])
        let bad = try ServerSnapshot(fileBytes: Array(#"{"tools": [], "prompts": [{"name": "a"}], "promptBodies": 3}"#.utf8), target: "g.json")
        #expect(bad.definitions.promptBodies.isEmpty && bad.anomalies.contains { $0.kind == "invalid-field" })
    }
}
