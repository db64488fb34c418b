import JSON
import Policy
import Risk
import Testing

/// A server with thousands of tools still gives a valid policy in both formats (the parser and
/// validators use sets and maps, not pairwise scans).
struct LargeServerTests {
    @Test func twoThousandTools() throws {
        let count = 2000
        var tools: [ToolAssessment] = []
        var raws: [JSONValue] = []
        for i in 0..<count {
            let category = Category.allCases[i % Category.allCases.count]
            let name = "tool_\(i)"
            tools.append(ToolAssessment(name: name, pointer: JSONPointer(tokens: ["tools", String(i)]), category: category,
                                        severity: category.baseSeverity, confidence: .high, evidence: [],
                                        annotations: DeclaredAnnotations(tool: .null)))
            raws.append(["name": .string(name), "inputSchema": ["type": "object", "properties": ["amount": ["type": "number"]], "required": ["amount"]]])
        }
        let doc = PolicyBuilder(profile: .recommended).build(assessment: ServerAssessment(tools: tools, findings: []), tools: raws, serverName: "big")
        #expect(doc.tools.count == count)
        let yaml = InterceptYAMLWriter.render(doc)
        #expect(InterceptValidator.validate(yaml: yaml).isEmpty)
        let json = PolicyLayerJSONWriter.render(doc)
        #expect(PolicyLayerValidator.validate(json: json).isEmpty)
        #expect(try YAMLSubsetParser().parse(yaml)["tools"]?.mappingValue?.count == count)
    }
}
