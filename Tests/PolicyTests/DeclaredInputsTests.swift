import Definitions
import Foundation
import JSON
import Policy
import Risk
import Testing
import TestSupport

/// A policy may only name arguments the tool declares: a condition on an undeclared argument is a
/// rule an agent passes by adding that argument, which the server then ignores. These tests run the
/// real assessor over every server of the evaluation corpus, write every profile in both formats,
/// read the conditions back out of the written text, and check each path against the tool's raw
/// input schema with a resolver of their own (not the one the builder uses).
struct DeclaredInputsTests {
    /// Every snapshot file of the evaluation corpus, plus mcp-server-docker (whose `recreate_container`
    /// was gated on an `action` argument it does not have).
    static func servers() throws -> [(name: String, root: JSONValue)] {
        let folder = RepoPaths.file("Tests/Fixtures/eval/snapshots")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var out = try names.map { name in
            (String(name.dropLast(5)), try JSONParser().parse(try RepoPaths.text("Tests/Fixtures/eval/snapshots/\(name)")).value)
        }
        out.append(("mcp-server-docker", try JSONParser().parse(try RepoPaths.text("Tests/PolicyTests/Fixtures/mcp-server-docker.json")).value))
        return out
    }

    @Test func everyConditionOfEveryCorpusPolicyNamesADeclaredInput() throws {
        let servers = try Self.servers()
        #expect(servers.count >= 41)
        var checked = 0
        var undeclared: [String] = []
        for (name, root) in servers {
            let definitions = ServerDefinitions(document: root)
            let assessment = Assessor().assess(ReviewedServer(definitions, name: name))
            let schemas = Dictionary(definitions.tools.compactMap { t in t["name"]?.stringValue.map { ($0, t["inputSchema"] ?? .null) } },
                                     uniquingKeysWith: { a, _ in a })
            for profile in PolicyProfile.allCases {
                let doc = PolicyBuilder(profile: profile).build(assessment: assessment, tools: definitions.tools, serverName: name)
                for format in PolicyFormat.allCases {
                    let text = format.render(doc)
                    let problems = format.validate(text)
                    #expect(problems.isEmpty, "\(name) \(profile) \(format): \(problems.prefix(3).map(\.description))")
                    for (tool, path) in try WrittenConditions.paths(in: text, format: format) {
                        checked += 1
                        guard path.hasPrefix("args.") else { continue }
                        if !SchemaPaths.declares(schemas[tool] ?? .null, path: String(path.dropFirst(5))) {
                            undeclared.append("\(name) \(profile) \(format) \(tool): \(path)")
                        }
                    }
                }
            }
        }
        #expect(undeclared.isEmpty, "\(undeclared.count) conditions name undeclared inputs: \(undeclared.prefix(20))")
        // The check has something to check: the corpus gives hundreds of conditions (356 over 41 servers).
        #expect(checked >= 200, "only \(checked) conditions were written")
    }

    /// `recreate_container` ("Stop and remove a container, then run a new container") has no action
    /// input: it is one operation, judged as a whole, and no rule names `args.action`.
    @Test func recreateContainerIsJudgedAsAWhole() throws {
        let root = try JSONParser().parse(try RepoPaths.text("Tests/PolicyTests/Fixtures/mcp-server-docker.json")).value
        let definitions = ServerDefinitions(document: root)
        let assessment = Assessor().assess(ReviewedServer(definitions, name: "docker"))
        for profile in PolicyProfile.allCases {
            let doc = PolicyBuilder(profile: profile).build(assessment: assessment, tools: definitions.tools, serverName: "docker")
            let tool = try #require(doc.tools.first { $0.name == "recreate_container" } ?? doc.hidden.first { $0.name == "recreate_container" }.map {
                ToolPolicy(name: $0.name, category: .execute, rules: [PolicyRule(name: "hidden", kind: .deny, onDeny: $0.reason)])
            })
            let paths = tool.rules.flatMap { rule -> [String] in
                if case .require(let conditions) = rule.kind { return conditions.map(\.path) }
                return []
            }
            #expect(!paths.contains("args.action"), "\(profile): \(paths)")
            let schema = try #require(definitions.tools.first { $0["name"]?.stringValue == "recreate_container" }?["inputSchema"])
            for path in paths { #expect(SchemaPaths.declares(schema, path: String(path.dropFirst(5))), "\(path)") }
            for format in PolicyFormat.allCases { #expect(!format.render(doc).contains("\"args.action\"")) }
        }
    }

    /// The same shape, written by hand: a prose-listed "action" and a `command` input that is free
    /// text. The builder must not invent a selector.
    @Test func proseActionsWithoutADeclaredSelectorGateNothing() throws {
        let tool: JSONValue = try JSONValue(parsing: """
            {"name": "recreate_thing", "description": "Stop and remove a thing, then run a new thing.",
             "inputSchema": {"type": "object", "properties": {"command": {"type": "string"}, "image": {"type": "string"}},
                             "required": ["image"]}}
            """)
        let definitions = ServerDefinitions(document: .array([tool]))
        let assessment = Assessor().assess(ReviewedServer(definitions))
        for profile in PolicyProfile.allCases {
            let doc = PolicyBuilder(profile: profile).build(assessment: assessment, tools: definitions.tools, serverName: "x")
            for format in PolicyFormat.allCases {
                for (_, path) in try WrittenConditions.paths(in: format.render(doc), format: format) where path.hasPrefix("args.") {
                    #expect(path == "args.image", "\(profile) \(format): \(path)")
                }
            }
        }
    }
}

/// Reads the condition paths back out of a written policy.
enum WrittenConditions {
    static func paths(in text: String, format: PolicyFormat) throws -> [(tool: String, path: String)] {
        var out: [(String, String)] = []
        switch format {
        case .intercept:
            let root = try YAMLSubsetParser().parse(text)
            for entry in root["tools"]?.mappingValue ?? [] {
                for rule in entry.value["rules"]?.sequenceValue ?? [] {
                    for c in rule["conditions"]?.sequenceValue ?? [] { if let p = c["path"]?.stringValue { out.append((entry.key, p)) } }
                    if let p = rule["state"]?["increment_from"]?.stringValue { out.append((entry.key, p)) }
                }
            }
        case .policylayer:
            let root = try JSONParser().parse(text).value
            for (tool, entry) in root["tools"]?.objectValue?.members ?? [] {
                for key in ["deny_if", "require"] {
                    for rule in entry[key]?.arrayValue ?? [] {
                        for c in rule["conditions"]?.arrayValue ?? [] { if let p = c["path"]?.stringValue { out.append((tool, p)) } }
                    }
                }
            }
        }
        return out
    }
}

/// Whether a raw JSON Schema declares a dotted argument path, following local `$ref`s and looking
/// into `allOf`/`anyOf`/`oneOf` branches: written apart from the builder's walker on purpose.
enum SchemaPaths {
    static func declares(_ schema: JSONValue, path: String) -> Bool {
        var level = [schema]
        for step in path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            let next = level.flatMap { expand($0, root: schema, depth: 0) }.compactMap { $0["properties"]?[step] }
            if next.isEmpty { return false }
            level = next
        }
        return true
    }

    private static func expand(_ s: JSONValue, root: JSONValue, depth: Int) -> [JSONValue] {
        guard depth < 10 else { return [] }
        var out = [s]
        if let ref = s["$ref"]?.stringValue, ref.hasPrefix("#"), let target = JSONPointer(String(ref.dropFirst()))?.resolve(in: root) {
            out += expand(target, root: root, depth: depth + 1)
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for branch in s[key]?.arrayValue ?? [] { out += expand(branch, root: root, depth: depth + 1) }
        }
        return out
    }
}
