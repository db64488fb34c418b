import JSON
import MCPClient
import Testing
import TestSupport

@Suite struct SnapshotFileTests {
    private func read(_ text: String) throws -> ServerSnapshot {
        try ServerSnapshot(fileBytes: Array(text.utf8), target: "file.json")
    }

    @Test func toolsListResult() throws {
        let snapshot = try read(#"{"tools":[{"name":"a","inputSchema":{}},{"name":"b"}]}"#)
        #expect(snapshot.toolNames == ["a", "b"])
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.target == "file.json")
    }

    @Test func bareArrayOfTools() throws {
        let snapshot = try read(#"[{"name":"a"},{"name":"a"},{"nope":1}]"#)
        // A name listed twice is kept twice (the rules flag it); an entry without a name cannot be.
        #expect(snapshot.toolNames == ["a", "a"])
        #expect(snapshot.anomalyKinds == ["invalid-entry"])
    }

    @Test func jsonRPCResponseWrappingAResult() throws {
        let snapshot = try read(#"{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"x","description":"d","description":"e"}]}}"#)
        #expect(snapshot.toolNames == ["x"])
        #expect(snapshot.definitions.parseIssues.map { "\($0.kind) \($0.pointer)" } == ["duplicateKey /tools/0/description"])
    }

    @Test func jsonRPCErrorIsAnInvalidTarget() {
        #expect(throws: MCPError.invalidTarget("file.json holds a JSON-RPC error response: nope")) {
            try read(#"{"jsonrpc":"2.0","id":1,"error":{"code":-1,"message":"nope"}}"#)
        }
    }

    @Test func fullSnapshotObjectIgnoresUnknownKeys() throws {
        let snapshot = try read(#"""
        {"serverInfo":{"name":"s","version":"1"},"protocolVersion":"2025-06-18","capabilities":{"tools":{}},
         "instructions":"hi","tools":[{"name":"t"}],"prompts":[{"name":"p"}],"resources":[{"uri":"file:///a","name":"a"}],
         "resourceTemplates":[{"uriTemplate":"x://{y}","name":"y"}],"generatedBy":"someone"}
        """#)
        #expect(snapshot.definitions.serverName == "s")
        #expect(snapshot.definitions.protocolVersion == "2025-06-18")
        #expect(snapshot.definitions.instructions == "hi")
        #expect(snapshot.definitions.capabilities == ["tools": [:]])
        #expect(snapshot.definitions.prompts.count == 1 && snapshot.definitions.resources.count == 1 && snapshot.definitions.resourceTemplates.count == 1)
        #expect(snapshot.anomalies.isEmpty)
    }

    @Test func invalidJSONNamesTheByteOffset() {
        #expect(throws: MCPError.invalidTarget("file.json is not valid JSON: invalid JSON at byte 12: expected a value, found '}'")) {
            try read(#"{"tools":[1,}"#)
        }
    }

    @Test func objectWithoutToolsIsRejected() {
        #expect(throws: MCPError.self) { try read(#"{"hello":"world"}"#) }
        #expect(throws: MCPError.invalidTarget("file.json: tools is a string, not an array")) { try read(#"{"tools":"x"}"#) }
        #expect(throws: MCPError.self) { try read("42") }
    }

    @Test func invalidEntriesAreReportedAsInALiveCrawl() throws {
        let snapshot = try read(#"{"tools":[{"description":"x"},{"name":42},{"name":"ok","inputSchema":[]},{"name":"good"}]}"#)
        #expect(snapshot.toolNames == ["ok", "good"])
        #expect(snapshot.anomalies.map(\.message) == [
            "tools/list entry 0 left out: it has no name",
            "tools/list entry 1 left out: its name is a number, not a string",
        ])
    }

    @Test func issuesOfDroppedEntriesBecomeAnomaliesAndPointersFollowTheKeptOnes() throws {
        let snapshot = try read(#"{"tools":[{"name":1,"a":1,"a":2},{"name":"kept","description":"x","description":"y"}],"instructions":"i","instructions":"j"}"#)
        #expect(snapshot.definitions.parseIssues.map { "\($0.pointer)" } == ["/tools/0/description", "/instructions"])
        #expect(snapshot.definitions.instructions == "j")
        #expect(snapshot.anomalyKinds == ["invalid-entry", "duplicate-key"])
    }

    @Test func definitionsDocumentRoundTrips() throws {
        let original = try read(#"""
        {"jsonrpc":"2.0","id":3,"result":{"serverInfo":{"name":"s","version":"1"},"instructions":"hi\u001b[31m",
         "tools":[{"name":"t","description":"a\u202Eb","inputSchema":{"type":"object","properties":{"n":{"type":"number","default":1.50}}}}],
         "prompts":[{"name":"p"}]}}
        """#)
        let text = JSONWriter.canonicalPretty.string(original.definitions.document)
        let again = try ServerSnapshot(fileBytes: Array(text.utf8), target: "again.json")
        #expect(again.definitions.document.canonicalText == original.definitions.document.canonicalText)
        #expect(JSONWriter.canonicalPretty.string(again.definitions.document) == text)
        #expect(original.definitions.document.objectValue?.keys == ["serverInfo", "instructions", "tools", "prompts", "resources", "resourceTemplates"])
        #expect(JSONPointer("/tools/0/inputSchema/properties/n/default")!.resolve(in: again.definitions.document) == .number("1.50"))
    }

    @Test func validatorChecksEveryListKind() {
        #expect(EntryValidator.check(["name": "r", "uri": "file:///x"], kind: .resources) == .success("file:///x"))
        #expect(EntryValidator.check(["name": "r"], kind: .resources) == .failure(InvalidEntry("it has no uri")))
        #expect(EntryValidator.check(["name": "t", "uriTemplate": "x://{a}"], kind: .resourceTemplates) == .success("x://{a}"))
        // Wrong-typed fields do not cost an entry its place: the rules report them.
        #expect(EntryValidator.check(["name": "p", "arguments": "x"], kind: .prompts) == .success("p"))
        #expect(EntryValidator.check(["name": "t", "description": 3], kind: .tools) == .success("t"))
        #expect(EntryValidator.check(["name": ""], kind: .tools) == .failure(InvalidEntry("its name is empty")))
    }
}
