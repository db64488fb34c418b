import Definitions
import JSON
import TestSupport
import Testing
@testable import Risk

/// The assessor's assembly: findings located and ordered, severity raised only with a named finding,
/// signals attached to their tool, other servers' tools passed along, output stable.
struct AssessorTests {
    /// A finding rule that reports every tool description and the server's instructions, for assembly tests.
    struct EchoFindings: FindingRule {
        var description: RuleDescription {
            RuleDescription(id: "echo-findings", title: "Echo", family: "test", kind: .finding, severity: .high, confidence: .high,
                            summary: "s", rationale: "r", examples: [])
        }
        func findings(in index: ServerIndex) -> [FindingHit] {
            var hits = index.server.tools.indices.map { i in
                FindingHit(pointer: JSONPointer(tokens: ["tools", String(i), "description"]), quote: "q\(i)", message: "m", severity: i == 0 ? .critical : nil)
            }
            hits.append(FindingHit(pointer: JSONPointer(tokens: ["instructions"]), quote: "i", message: "m", severity: .low))
            hits.append(FindingHit(pointer: JSONPointer(tokens: ["prompts", "0", "description"]), quote: "p", message: "m", severity: .medium))
            return hits
        }
    }

    /// A signal rule that flags every `path` input.
    struct PathSignal: SignalRule {
        var description: RuleDescription {
            RuleDescription(id: "path-signal", title: "Accepts a file path", family: "test", kind: .signal, severity: .low, confidence: .high,
                            summary: "s", rationale: "r", examples: [])
        }
        func signals(in tool: ToolContext) -> [SignalHit] {
            tool.properties.filter { $0.name == "path" }.map { SignalHit(pointer: $0.pointer, path: $0.path, detail: nil) }
        }
    }

    /// A finding rule that reports the other servers' tool names it was given.
    struct OtherServers: FindingRule {
        var description: RuleDescription {
            RuleDescription(id: "other-servers", title: "Others", family: "test", kind: .finding, severity: .low, confidence: .high,
                            summary: "s", rationale: "r", examples: [])
        }
        func findings(in index: ServerIndex) -> [FindingHit] {
            let run = index.server.run
            return run.index.serverNames.indices.filter { $0 != run.position }.map { i in
                let names = run.index.entries.filter { Int($0.server) == i }.map(\.name)
                return FindingHit(pointer: .root, quote: "\(run.index.serverNames[i]): \(names.joined(separator: ","))", message: "m", severity: nil)
            }
        }
    }

    static let server = ReviewedServer(ServerDefinitions(document: [
        "instructions": "Be nice.",
        "tools": [
            ["name": "get_file", "description": "Reads a file.", "inputSchema": ["type": "object", "properties": ["path": ["type": "string"]]]],
            ["name": "delete_file", "description": "Deletes a file."],
            ["description": "no name: not a valid tool"],
        ],
        "prompts": [["name": "summarize", "description": "x"]],
    ]), name: "files")

    @Test func findingsAreLocatedAndOrdered() {
        let a = Assessor(rules: BuiltinRules.capability + [EchoFindings()]).assess(Self.server)
        #expect(a.findings.map(\.severity) == [.critical, .high, .high, .medium, .low])
        #expect(a.findings[0].location == Location(kind: .tool, name: "get_file", pointer: JSONPointer("/tools/0/description")!))
        #expect(a.findings.map(\.location.kind) == [.tool, .tool, .tool, .prompt, .server])
        #expect(a.findings[3].location.name == "summarize")
        #expect(a.findings[4].location.name == "files")
    }

    @Test func severityIsRaisedOnlyByNamedFindings() {
        let a = Assessor(rules: BuiltinRules.capability + [EchoFindings()]).assess(Self.server)
        #expect(a.tools.count == 2)
        #expect(a.tools[0].category == .read && a.tools[0].severity == .critical && a.tools[0].severityRaisedBy == ["echo-findings"])
        #expect(a.tools[1].category == .destructive && a.tools[1].severity == .critical && a.tools[1].severityRaisedBy.isEmpty)
        let plain = Assessor(rules: BuiltinRules.capability).assess(Self.server)
        #expect(plain.tools[0].severity == .low && plain.tools[0].severityRaisedBy.isEmpty)
    }

    @Test func signalsAttachToTheirTool() {
        let a = Assessor(rules: BuiltinRules.capability + [PathSignal()]).assess(Self.server)
        #expect(a.tools[0].signals == [Signal(id: "path-signal", title: "Accepts a file path", path: "path")])
        #expect(a.tools[1].signals.isEmpty)
    }

    @Test func eachServerKnowsTheRunsOtherServers() {
        let other = ReviewedServer(ServerDefinitions(document: ["tools": [["name": "get_file"]]]), name: "mirror")
        let results = Assessor(rules: [OtherServers()]).assess(servers: [Self.server, other])
        #expect(results[0].findings.map(\.quote) == ["mirror: get_file"])
        #expect(results[1].findings.map(\.quote) == ["files: get_file,delete_file"])
    }

    @Test func annotationFindingsComeFromBuiltinRules() throws {
        let json = try JSONValue(parsing: #"{"tools": [{"name": "delete_user", "description": "Deletes a user.", "annotations": {"readOnlyHint": true}}, {"name": "update_user", "description": "Updates a user."}]}"#)
        let a = Assessor().assess(ReviewedServer(ServerDefinitions(document: json)))
        #expect(a.findings.map(\.ruleId) == ["annotation-contradiction", "missing-annotations"])
        #expect(a.findings[0].location.pointer.description == "/tools/0/annotations/readOnlyHint")
        #expect(a.tools[0].category == .destructive)
    }

    @Test func outputIsDeterministic() throws {
        let json = try JSONValue(parsing: #"{"tools": [{"name": "manage", "inputSchema": {"type": "object", "properties": {"op": {"enum": ["create", "delete", "get"]}}}}, {"name": "drop_all", "description": "Drops everything. Irreversible."}]}"#)
        let server = ReviewedServer(ServerDefinitions(document: json))
        let first = Assessor().assess(server)
        for _ in 0..<5 { #expect(Assessor().assess(server) == first) }
    }

    @Test func hostileDefinitionsAreAssessed() throws {
        var tools: [JSONValue] = HostileStrings.all.map { ["name": .string($0), "description": .string($0)] }
        var deep: JSONValue = ["type": "string"]
        for _ in 0..<200 { deep = ["type": "object", "properties": ["x": deep]] }
        tools.append(["name": "deep", "inputSchema": deep])
        tools.append(["name": 42])
        let a = Assessor().assess(ReviewedServer(ServerDefinitions(tools: tools), name: "hostile"))
        #expect(a.tools.count == HostileStrings.all.count + 1)
    }
}
