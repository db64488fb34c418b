import JSON
import Policy
import Testing
import TestSupport

/// Goldens for both formats × every profile over the hand-written snapshots; every emitted
/// policy must also pass its format's validator.
struct GoldenPolicyTests {
    static let cases: [(String, PolicyProfile, PolicyFormat)] = PolicyFixture.all.flatMap { f in
        PolicyProfile.allCases.flatMap { p in PolicyFormat.allCases.map { (f, p, $0) } }
    }

    @Test(arguments: cases)
    func golden(fixture: String, profile: PolicyProfile, format: PolicyFormat) throws {
        let f = try PolicyFixture.load(fixture)
        let doc = PolicyBuilder(profile: profile).build(assessment: f.assessment, tools: f.tools, serverName: f.serverName)
        let text = format.render(doc)
        let path = "Tests/PolicyTests/Golden/\(fixture).\(profile.rawValue).\(format.fileExtension)"
        #expect(Golden.mismatch(text, golden: path) == nil, "\(Golden.mismatch(text, golden: path) ?? "")")
        let problems = format.validate(text)
        #expect(problems.isEmpty, "\(path): \(problems.map(\.description))")
    }

    /// Every server of the evaluation set (40 real servers, 1031 tools), every profile, both
    /// formats: the emitted policy passes its validator and lists every tool exactly once.
    @Test func everyRealServerPolicyValidates() throws {
        let servers = try PolicyFixture.realServerNames()
        #expect(servers.count >= 40)
        for server in servers {
            let f = try PolicyFixture.real(server)
            for profile in PolicyProfile.allCases {
                let doc = PolicyBuilder(profile: profile).build(assessment: f.assessment, tools: f.tools, serverName: f.serverName)
                #expect(doc.tools.count + doc.hidden.count == Set(f.assessment.tools.map(\.name)).count, "\(server)")
                for format in PolicyFormat.allCases {
                    let problems = format.validate(format.render(doc))
                    #expect(problems.isEmpty, "\(server) \(profile) \(format): \(problems.prefix(3).map(\.description))")
                }
            }
        }
    }

    // Policies are the same bytes in every process: checked across two processes (hash seeds differ
    // per process) in ScannerTests/ReproducibilityTests; within one process it cannot fail.
}
