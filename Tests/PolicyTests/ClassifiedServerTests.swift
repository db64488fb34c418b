import DemoServer
import Definitions
import JSON
import Policy
import Risk
import Testing
import TestSupport

/// The real pipeline: the classifier's assessment of the demo server and of every server of the
/// evaluation set gives policies that validate and keep the promises of the profile table,
/// whatever the classifier decides for a given tool.
struct ClassifiedServerTests {
    static func servers() throws -> [ReviewedServer] {
        var out = [ReviewedServer(ServerDefinitions(tools: DemoServer().tools), name: "acme-ops")]
        for name in try PolicyFixture.realServerNames() {
            let json = try JSONParser().parse(try RepoPaths.text("Tests/Fixtures/eval/snapshots/\(name).json")).value
            out.append(ReviewedServer(ServerDefinitions(document: json), name: name))
        }
        return out
    }

    @Test func classifiedPoliciesValidateAndKeepTheTable() throws {
        let assessor = Assessor()
        for server in try Self.servers() {
            let assessment = assessor.assess(server)
            for profile in PolicyProfile.allCases {
                let doc = PolicyBuilder(profile: profile).build(assessment: assessment, server: server)
                for format in PolicyFormat.allCases {
                    let problems = format.validate(format.render(doc))
                    #expect(problems.isEmpty, "\(server.name) \(profile) \(format): \(problems.prefix(3).map(\.description))")
                }
                for tool in assessment.tools { check(tool, in: doc, profile: profile, server: server.name) }
            }
        }
    }

    /// The promises that hold for any classification.
    func check(_ tool: ToolAssessment, in doc: PolicyDocument, profile: PolicyProfile, server: String) {
        let listed = doc.tools.first { $0.name == tool.name }
        let hidden = doc.hidden.contains { $0.name == tool.name }
        let at = "\(server)/\(tool.name) \(profile)"
        guard tool.name != "*" else { return }
        #expect((listed != nil) != hidden, "\(at): listed exactly once")
        let dangerous = tool.actions.isEmpty ? [tool.category] : tool.actions.map(\.category)
        if tool.actions.isEmpty, tool.category == .destructive || !tool.severityRaisedBy.isEmpty {
            #expect(hidden || listed?.isDenied == true, "\(at): destructive or raised by a finding, so denied or hidden")
        }
        if !tool.actions.isEmpty, let listed, !listed.isDenied, !hidden {
            // The gate lets through no destructive or financial action. Without a gate (no declared
            // input selects the actions) the tool is judged as a whole: never allowed when dangerous,
            // except a financial tool held to the amount ceiling and daily total of the profile table.
            let gate = listed.rules.first { $0.name == "allowed actions" }
            guard case .require(let conditions)? = gate?.kind, let values = conditions.first?.value.arrayValue else {
                let capped = tool.category == .financial && listed.rules.contains { $0.name == "amount ceiling" }
                    && listed.rules.contains { $0.name == "daily amount total" }
                #expect(tool.category < .destructive || capped, "\(at): a destructive or financial tool without a gate must be denied or capped")
                #expect(tool.inputs?.topLevel(tool.actions[0].parameter)?.values == nil
                        || !Set(tool.actions.map(\.value)).isSubset(of: Set((tool.inputs?.topLevel(tool.actions[0].parameter)?.values ?? []).compactMap(\.stringValue))),
                        "\(at): its selector declares the actions, so it should be gated")
                return
            }
            let allowed = Set(values.compactMap(\.stringValue))
            for action in tool.actions where action.category >= .destructive {
                #expect(!allowed.contains(action.value), "\(at): \(action.value) is \(action.category) but allowed")
            }
        }
        if profile == .strict, dangerous.contains(where: { $0 >= .destructive }), tool.actions.isEmpty {
            #expect(hidden, "\(at): strict hides destructive and financial tools")
        }
    }
}
