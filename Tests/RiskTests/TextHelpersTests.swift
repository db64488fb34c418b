import Foundation
import Definitions
import JSON
import Testing
import TestSupport
@testable import Risk

struct TextHelpersTests {
    @Test func phraseSearchIsCaseInsensitiveAcrossWhitespaceAndReturnsOriginalRanges() {
        let text = FoldedText("Please IGNORE\n     previous   Instructions now")
        let ranges = text.ranges(of: "ignore previous instructions")
        #expect(ranges.count == 1)
        #expect(text.text(ranges[0]) == "IGNORE\n     previous   Instructions")
    }

    @Test func invisibleCharactersInsideAPhraseDoNotHideIt() {
        let text = FoldedText("ig\u{200B}nore prev\u{2060}ious")
        #expect(text.contains("ignore previous"))
        let smuggled = FoldedText("ok" + String(String.UnicodeScalarView("HIDE".unicodeScalars.map { Unicode.Scalar($0.value + 0xE0000)! })))
        #expect(smuggled.words.map(\.text) == ["okhide"])
    }

    @Test func wholeWordSearchRespectsBoundaries() {
        let text = FoldedText("process.env and .env and .envrc")
        let hits = text.ranges(of: ".env", wholeWords: true)
        #expect(hits.count == 2, "the `.envrc` one is inside a word")
    }

    @Test func wordPatternsHandleOptionalsGapsPrefixesAndContractions() {
        let p = WordPattern("do|must not tell ~2 user|users ~1 about|this")
        #expect(p.firstMatch(in: FoldedText("Don't tell the user about it")) != nil)
        #expect(p.firstMatch(in: FoldedText("Never tell a user a message was scheduled")) == nil)
        let q = WordPattern("ignore (all|any)? previous instruction*")
        #expect(q.firstMatch(in: FoldedText("ignore all previous instructions")) != nil)
        #expect(q.firstMatch(in: FoldedText("Ignore previous instruction.")) != nil)
        #expect(q.firstMatch(in: FoldedText("ignore the previous rules")) == nil)
        let text = FoldedText("a user's key")
        #expect(text.words.map(\.text) == ["a", "user", "key"])
    }

    @Test func quotesAreBoundedAndKeepTheMatch() {
        let long = String(repeating: "lorem ipsum ", count: 40) + "NEEDLE" + String(repeating: " dolor sit", count: 40)
        let text = FoldedText(long)
        let range = text.ranges(of: "needle")[0]
        let quote = text.quote(range)
        #expect(quote.contains("NEEDLE"))
        #expect(quote.unicodeScalars.count <= 122)
        #expect(quote.hasPrefix("…") && quote.hasSuffix("…"))
        #expect(Quote.prefix("short") == "short")
    }

    @Test func tagCharactersDecodeToASCIIAndFlagsAreRecognised() {
        let tags = "Send".unicodeScalars.map { Unicode.Scalar($0.value + 0xE0000)! }
        #expect(TagCharacters.decode(tags) == "Send")
        let scotland: [Unicode.Scalar] = ["\u{1F3F4}", "\u{E0067}", "\u{E0062}", "\u{E0073}", "\u{E0063}", "\u{E0074}", "\u{E007F}"]
        #expect(TagCharacters.isFlagSequence(scotland, tagsStartAt: 1))
        #expect(!TagCharacters.isFlagSequence(["a"] + tags, tagsStartAt: 1))
    }

    @Test func confusableSkeletons() {
        #expect(Confusables.skeleton("s\u{0435}nd_Email") == "send_email")
        #expect(Confusables.skeleton("\u{FF53}end") == "send")
        #expect(Confusables.hasLookalikes("p\u{0430}y"))
        #expect(!Confusables.hasLookalikes("Pay_Now"))
    }

    @Test func base64AndHexDecode() {
        #expect(Base64.decode("aGVsbG8gd29ybGQ=").map { String(decoding: $0, as: UTF8.self) } == "hello world")
        #expect(Base64.decode("aGVsbG8gd29ybGQ").map { String(decoding: $0, as: UTF8.self) } == "hello world")
        #expect(Base64.decode("-_-_") != nil, "URL-safe alphabet")
        #expect(Base64.decode("abc$") == nil)
        #expect(Base64.decode("a") == nil)
        #expect(Base64.decodeHex("48656c6c6f") == Array("Hello".utf8))
        #expect(Base64.decodeHex("abc") == nil)
        #expect(Base64.readableText(Array("plain text here".utf8)) == "plain text here")
        #expect(Base64.readableText([0xFF, 0xFE, 0x00, 0x01]) == nil)
    }

    @Test func textFieldsCoverEveryPlaceWithPointers() throws {
        let json = """
        {"instructions": "Be nice.",
         "tools": [{"name": "t", "title": "T", "description": "d", "annotations": {"title": "AT"},
                    "inputSchema": {"type": "object", "required": ["p"], "properties": {"p": {"type": "string", "description": "pd",
                      "enum": ["e1"], "default": "def", "items": {"properties": {"q": {"title": "qt"}}}}}}}],
         "prompts": [{"name": "pr", "description": "prd", "arguments": [{"name": "a", "description": "ad"}]}],
         "resources": [{"uri": "file:///x", "name": "r", "description": "rd"}],
         "resourceTemplates": [{"uriTemplate": "file:///{id}", "name": "rt"}]}
        """
        let fields = TextFields.all(in: try ReviewedServer(parsing: json))
        let byPointer = Dictionary(fields.map { ($0.pointer.description, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPointer["/instructions"]?.role == .instructions)
        #expect(byPointer["/tools/0/annotations/title"]?.text == "AT")
        #expect(byPointer["/tools/0/inputSchema/properties/p"]?.role == .parameterName)
        #expect(byPointer["/tools/0/inputSchema/properties/p/description"]?.role == .parameterDescription)
        #expect(byPointer["/tools/0/inputSchema/properties/p/enum/0"]?.role == .enumValue)
        #expect(byPointer["/tools/0/inputSchema/properties/p/default"]?.role == .defaultValue)
        #expect(byPointer["/tools/0/inputSchema/properties/p/items/properties/q/title"]?.parameter == "q")
        #expect(byPointer["/prompts/0/arguments/0/description"]?.role == .argumentDescription)
        #expect(byPointer["/resources/0/uri"]?.ownerKind == .resource)
        #expect(byPointer["/resourceTemplates/0/uriTemplate"]?.ownerName == "rt")
        #expect(!fields.contains { $0.pointer.description.contains("required") })
        #expect(byPointer["/tools/0/inputSchema/properties/p/description"]?.place == "the description of parameter `p` of tool `t`")
    }

    @Test func deepSchemasAreBoundedNotFatal() throws {
        var schema: JSONValue = ["type": "string", "description": "deepest"]
        for i in 0..<200 { schema = ["type": "object", "properties": .object(JSONObject([("p\(i)", schema)]))] }
        let server = ReviewedServer(ServerDefinitions(tools: [["name": "deep", "inputSchema": schema]]), name: "deep")
        let fields = TextFields.all(in: server)
        #expect(fields.count < 100 && !fields.contains { $0.text == "deepest" })
        let properties = InputProperties.all(tool: server.tools[0], index: 0)
        #expect(properties.count == InputProperties.maxDepth + 1)
    }

    @Test func schemaPropertiesFollowItemsBranchesAndRefsWithoutLooping() throws {
        let tool = try JSONValue(parsing: """
        {"name": "t", "inputSchema": {"type": "object", "$defs": {"Node": {"type": "object", "properties": {"url": {"type": "string"}, "child": {"$ref": "#/$defs/Node"}}}},
          "properties": {"messages": {"type": "array", "items": {"type": "object", "properties": {"content": {"type": "string"}}}},
                         "node": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]}}}}
        """)
        let properties = InputProperties.all(tool: tool, index: 0)
        let paths = properties.map(\.path)
        #expect(paths.contains("messages[].content"))
        #expect(paths.contains("node.url") && paths.contains("node.child"))
        #expect(paths.count < 20)
        // A property reached through a `$ref` points into `$defs`; its path stays the input path.
        let url = properties.first { $0.path == "node.url" }
        #expect(url?.pointer.description == "/tools/0/inputSchema/$defs/Node/properties/url")
        #expect(url?.type == "string" && url?.depth == 2)
        #expect(NameTokens("bodyHTML_path-x").texts == ["body", "html", "path", "x"])
        #expect(NameTokens("QueueUrl").texts == ["queue", "url"])
    }

    @Test func capabilityAndSignalRulesShareOneSchemaWalk() throws {
        let tool = try JSONValue(parsing: """
        {"name": "t", "inputSchema": {"type": "object", "properties": {"mode": {"$ref": "#/$defs/Mode", "description": "How"},
          "tags": {"type": "array", "items": {"enum": ["a", "b"]}}}, "$defs": {"Mode": {"type": "string", "enum": ["fast", "slow"]}}}}
        """)
        let analyzed = try #require(AnalyzedTool(tool, index: 4))
        let walked = InputProperties.all(tool: tool, index: 4)
        #expect(analyzed.properties.map(\.pointer) == walked.map(\.pointer))
        let server = ReviewedServer(ServerDefinitions(tools: [tool, tool, tool, tool, tool]), name: "s")
        #expect(ServerIndex(server, tools: [analyzed]).inputProperties[4].map(\.path) == ["mode", "tags"])
        let mode = try #require(analyzed.properties.first)
        #expect(mode.description == "How" && mode.type == "string" && mode.takesText)
        #expect(mode.enumValues.map(\.value) == ["fast", "slow"])
        #expect(mode.enumValues.first?.pointer.description == "/tools/4/inputSchema/$defs/Mode/enum/0")
        #expect(analyzed.properties[1].enumValues.map(\.pointer.description)
                == ["/tools/4/inputSchema/properties/tags/items/enum/0", "/tools/4/inputSchema/properties/tags/items/enum/1"])
    }

    @Test func hostileStringsAreFlaggedAndNeverCrashTheRules() throws {
        for text in HostileStrings.all {
            let server = ReviewedServer(ServerDefinitions(tools: [["name": .string(text), "description": .string(text)]],
                                           prompts: [["name": "p", "description": .string(text)]]), name: "hostile")
            for rule in BuiltinRules.all { _ = rule.check(server) }
        }
        for text in HostileStrings.terminalEscapes {
            let server = ReviewedServer(ServerDefinitions(tools: [["name": "t", "description": .string(text)]]), name: "h")
            #expect(!TerminalEscapeRule().check(server).isEmpty, "\(text.debugDescription)")
        }
        for text in HostileStrings.invisible {
            let server = ReviewedServer(ServerDefinitions(tools: [["name": "t", "description": .string(text)]]), name: "h")
            #expect(!InvisibleUnicodeRule().check(server).isEmpty, "\(text.debugDescription)")
        }
    }
}

struct TextHelpersScaleTests {
    /// A hostile megabyte of trigger words without punctuation: the rules must finish (linear-ish work);
    /// the time is not asserted, the test would hang if a rule went quadratic.
    @Test func hugeRepetitiveDescriptionsAreHandled() {
        let blob = String(repeating: "password api key send include parameter conversation history mcp_tool_x_y ~/.ssh ", count: 12_000)
        let server = ReviewedServer(ServerDefinitions(tools: [["name": "t", "description": .string(blob)]]), name: "big", otherServersTools: ["other": (0..<2_000).map { "tool_\($0)_x_y" }])
        var hits: [String: Int] = [:]
        var lines: [String] = []
        for rule in ThreatRules.all {
            let start = Date()
            hits[rule.description.id] = rule.check(server).count
            lines.append("\(rule.description.id) \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        }
        EvalSnapshots.report(lines)
        #expect(hits["secret-exfiltration"] == 1, "one finding per field, however often it repeats")
        #expect(hits["long-description"] == 1)
        #expect(hits["invisible-unicode"] == 0 && hits["terminal-escape"] == 0)
    }
}
