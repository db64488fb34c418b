import Definitions
import JSON
import TestSupport
import Testing
@testable import Risk

/// Assessing a server costs in proportion to its tools: 10x the tools must cost under 15x (a rule that
/// compares every tool's words with every other tool costs ~100x).
struct AssessGrowthTests {
    /// `n` tools whose descriptions list snake_case words (field names, enum values): each such word is
    /// checked against the server's own tool names before it can count as a mention of a foreign tool.
    static func server(_ n: Int) -> ReviewedServer {
        let tools: [JSONValue] = (0..<n).map { i in
            ["name": .string("get_record_\(i)"),
             "description": .string("Gets record \(i) with fields " + (0..<8).map { "field_\(i)_\($0)" }.joined(separator: ", ") + ".")]
        }
        return ReviewedServer(ServerDefinitions(tools: tools), name: "records")
    }

    /// One long description of snake_case words, assessed in a run with another server, so every word is
    /// looked up among the other server's tool names (one of them matches).
    static func run(_ n: Int) -> [ReviewedServer] {
        let fields = (0..<n).map { "field_\($0)" }.joined(separator: ", ")
        let long = ReviewedServer(ServerDefinitions(tools: [["name": .string("describe_fields"), "description": .string("Returns " + fields + ".")]]), name: "records")
        let other = ReviewedServer(ServerDefinitions(tools: [["name": .string("send_email")], ["name": .string("field_0")]]), name: "mail")
        return [long, other]
    }

    /// A tool whose one long sentence names the tool itself again and again (each mention is weighed as a
    /// possible impostor claim, which reads its sentence), with an input whose name spells a secret file
    /// beside a hand-over word: the checks weigh a bounded number of mentions per text.
    static func impostor(_ n: Int) -> ReviewedServer {
        let text = (0..<n).map { "part \($0) of send_email works well" }.joined(separator: ", ")
        let tools: [JSONValue] = [["name": "send_email", "title": .string(text), "description": .string(text),
                                   "inputSchema": ["type": "object", "properties": ["contents_of_dot_env_\(n)": ["type": "string"]]]]]
        return ReviewedServer(ServerDefinitions(tools: tools), name: "mail")
    }

    @Test func anImpostorRepeatingItsOwnNameCostsLinearly() {
        let result = GrowthCheck.measure(n: 1_000, runs: 2, input: Self.impostor) { _ = Assessor().assess($0) }
        #expect(result.ratio < 15, "\(result)")
    }

    @Test func aLongDescriptionInARunCostsLinearly() {
        let result = GrowthCheck.measure(n: 1_000, runs: 2, input: Self.run) { _ = Assessor().assess(servers: $0) }
        #expect(result.ratio < 15, "\(result)")
    }

    @Test func toolsWithSnakeCaseWordsCostLinearly() {
        let result = GrowthCheck.measure(n: 150, runs: 2, input: Self.server) { _ = Assessor().assess($0) }
        #expect(result.ratio < 15, "\(result)")
    }
}
