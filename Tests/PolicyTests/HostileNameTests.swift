import JSON
import Policy
import Risk
import Testing
import TestSupport

/// No tool name, description or evidence quote can change what a written policy means: each
/// hostile string, used as all three, reads back as exactly that tool name in both formats.
struct HostileNameTests {
    static func assessment(name: String, category: Category) -> (ServerAssessment, [JSONValue]) {
        let evidence = Evidence(ruleId: "verb-in-name", category: category, weight: 3, quote: name,
                                pointer: JSONPointer(tokens: ["tools", "0", "name"]), reason: name)
        let tool = ToolAssessment(name: name, pointer: JSONPointer(tokens: ["tools", "0"]), category: category,
                                  severity: category.baseSeverity, confidence: .high, evidence: [evidence],
                                  annotations: DeclaredAnnotations(tool: .null))
        let raw: JSONValue = ["name": .string(name), "description": .string(name),
                              "inputSchema": ["type": "object", "properties": [name: ["type": "string", "enum": [.string(name)]]], "required": [.string(name)]]]
        return (ServerAssessment(tools: [tool], findings: []), [raw])
    }

    @Test(arguments: HostileStrings.all)
    func nameSurvivesBothFormats(name: String) throws {
        for category in Category.allCases {
            for profile in PolicyProfile.allCases {
                let (assessment, raw) = Self.assessment(name: name, category: category)
                let doc = PolicyBuilder(profile: profile).build(assessment: assessment, tools: raw, serverName: name)
                let where_ = "\(category) \(profile)"

                let yaml = InterceptYAMLWriter.render(doc)
                let root = try YAMLSubsetParser().parse(yaml)
                let listed = root["tools"]?.mappingValue?.map(\.key) ?? []
                let hidden = root["hide"]?.sequenceValue?.compactMap(\.stringValue) ?? []
                #expect(listed + hidden == [name], "\(where_): YAML read back \(listed + hidden)")
                #expect(root["version"] == .string("1") && root["default"] == .string("deny"), "\(where_)")
                #expect(root["description"]?.stringValue == doc.summary, "\(where_)")
                #expect(InterceptValidator.validate(yaml: yaml).isEmpty, "\(where_): \(InterceptValidator.validate(yaml: yaml))")

                let json = PolicyLayerJSONWriter.render(doc)
                let value = try JSONParser().parse(json).value
                let keys = value["tools"]?.objectValue?.keys ?? []
                let hiddenJSON = value["hide"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(keys + hiddenJSON == [name], "\(where_): JSON read back \(keys + hiddenJSON)")
                #expect(PolicyLayerValidator.validate(json: json).isEmpty, "\(where_): \(PolicyLayerValidator.validate(json: json))")
            }
        }
    }

    @Test func allHostileNamesInOneServer() throws {
        // Duplicates within the corpus are denied by name, so compare with the distinct names.
        var tools: [ToolAssessment] = []
        var raws: [JSONValue] = []
        for (i, name) in HostileStrings.all.enumerated() {
            let (a, r) = Self.assessment(name: name, category: Category.allCases[i % Category.allCases.count])
            var t = a.tools[0]
            t.pointer = JSONPointer(tokens: ["tools", String(i)])
            tools.append(t); raws += r
        }
        var distinct: [String] = []
        for n in HostileStrings.all where !distinct.contains(n) { distinct.append(n) }
        for profile in PolicyProfile.allCases {
            let doc = PolicyBuilder(profile: profile).build(assessment: ServerAssessment(tools: tools, findings: []), tools: raws,
                                                            serverName: HostileStrings.all.joined())
            let yaml = InterceptYAMLWriter.render(doc)
            let root = try YAMLSubsetParser().parse(yaml)
            let names = (root["tools"]?.mappingValue?.map(\.key) ?? []) + (root["hide"]?.sequenceValue?.compactMap(\.stringValue) ?? [])
            #expect(Set(names) == Set(distinct) && names.count == distinct.count)
            #expect(InterceptValidator.validate(yaml: yaml).isEmpty)
            let json = PolicyLayerJSONWriter.render(doc)
            let value = try JSONParser().parse(json).value
            let keys = (value["tools"]?.objectValue?.keys ?? []) + (value["hide"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(Set(keys) == Set(distinct) && keys.count == distinct.count)
            #expect(PolicyLayerValidator.validate(json: json).isEmpty)
        }
    }

    @Test func overlongNameIsLeftOutOfTheYAMLAndStillDenied() throws {
        let name = String(repeating: "n", count: 1100)
        let (assessment, raw) = Self.assessment(name: name, category: .read)
        let doc = PolicyBuilder(profile: .recommended).build(assessment: assessment, tools: raw, serverName: "x")
        let yaml = InterceptYAMLWriter.render(doc)
        #expect(try YAMLSubsetParser().parse(yaml)["tools"] == .mapping([]))
        #expect(yaml.contains("left out: a tool whose name is 1100 characters long"))
        #expect(InterceptValidator.validate(yaml: yaml).isEmpty)
        // A hand-written policy with such a key is refused the way Intercept's parser would.
        let handWritten = "version: \"1\"\ntools:\n  \(name):\n    rules: []\n"
        #expect(InterceptValidator.validate(yaml: handWritten).contains { $0.message.contains("longer than a YAML key may be") })
        // JSON has no such limit.
        #expect(try JSONParser().parse(PolicyLayerJSONWriter.render(doc)).value["tools"]?.objectValue?.keys == [name])
    }

    @Test func yamlTextHasNoRawControlOrInvisibleCharacters() {
        let (assessment, raw) = Self.assessment(name: HostileStrings.all.joined(separator: "|"), category: .write)
        let yaml = InterceptYAMLWriter.render(PolicyBuilder(profile: .recommended).build(assessment: assessment, tools: raw, serverName: "x"))
        #expect((try? YAMLSubsetParser().parse(yaml))?["tools"]?.mappingValue?.count == 1, "the tool must be listed for this test to mean anything")
        for scalar in yaml.unicodeScalars where scalar != "\n" {
            let category = scalar.properties.generalCategory
            #expect(scalar.value >= 0x20 && category != .control && category != .format, "raw U+\(String(scalar.value, radix: 16)) in YAML")
        }
    }
}
