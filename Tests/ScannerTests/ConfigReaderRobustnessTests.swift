import Foundation
import JSON
import Testing
import TestSupport
@testable import Scanner

/// The config readers on hostile or huge input: nesting never crashes, cost grows linearly, and
/// every error names its line.
struct ConfigReaderRobustnessTests {
    @Test func deepTOMLNestingIsAnErrorNotACrash() {
        for opener in ["[", "{a="] {
            let text = "[mcp_servers.a]\ncommand = \"x\"\nx = " + String(repeating: opener, count: 50_000) + "\n"
            #expect(throws: ConfigProblem("c.toml:3: arrays or inline tables nested deeper than 64 levels")) {
                try CodexTOML.servers(in: text, path: "c.toml")
            }
        }
        let fine = "[mcp_servers.a]\nx = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n"
        #expect(throws: Never.self) { try CodexTOML.servers(in: fine, path: "c.toml") }
    }

    @Test func longMultiLineTOMLArrayIsLinear() throws {
        let result = try GrowthCheck.measure(n: 2_000, input: { n in
            "[mcp_servers.a]\ncommand = \"x\"\nargs = [\n" + (0..<n).map { "  \"arg\($0)\",  # note\n" }.joined() + "]\n"
        }) { text in
            let servers = try CodexTOML.servers(in: text, path: "c.toml")
            precondition(servers["a"]?["args"]?.arrayValue?.isEmpty == false)
        }
        #expect(result.ratio < 15, "TOML multi-line array: \(result)")
    }

    @Test func manyTOMLKeysAndTablesAreLinear() throws {
        let keys = try GrowthCheck.measure(n: 1_000, input: { n in
            "[mcp_servers.a.env]\n" + (0..<n).map { "K\($0) = \"v\"\n" }.joined()
        }) { text in _ = try CodexTOML.servers(in: text, path: "c.toml") }
        #expect(keys.ratio < 15, "TOML keys in one table: \(keys)")
        let tables = try GrowthCheck.measure(n: 500, input: { n in
            (0..<n).map { "[mcp_servers.s\($0)]\ncommand = \"x\"\n" }.joined()
        }) { text in _ = try CodexTOML.servers(in: text, path: "c.toml") }
        #expect(tables.ratio < 15, "TOML server tables: \(tables)")
    }

    @Test func tomlErrorsNameTheLineWhereTheyHappen() {
        let cases: [(String, String)] = [
            ("[mcp_servers.a]\nargs = [\n  \"a\",\n  \"b\" \"c\"\n]\n", "c.toml:4: expected ',' or ']' in an array"),
            ("[mcp_servers.a]\nargs = [\n  \"a\",\n", "c.toml:4: unterminated array"),
            ("[mcp_servers.a]\nenv = { A = \"1\"\n  B = 2 }\n", "c.toml:3: expected ',' or '}' in an inline table"),
            ("[mcp_servers.a]\ncommand = \"x\" junk\n", "c.toml:2: unexpected 'j' after the value"),
            ("[mcp_servers.a]\n\n\nport = inf\n", "c.toml:4: unsupported value 'inf'"),
            ("[mcp_servers.a]\nx = \"\\q\"\n", "c.toml:2: invalid escape \\'q'"),
            ("[mcp_servers.a]\nx = \"\"\"\none\ntwo\n", "c.toml:5: unterminated string"),
            ("[mcp_servers.a]\nx = \n", "c.toml:2: a key has no value"),
        ]
        for (text, message) in cases {
            #expect(throws: ConfigProblem(message)) { try CodexTOML.servers(in: text, path: "c.toml") }
        }
    }

    @Test func tomlReadsCRLFMultiLineStringsAndRadixNumbers() throws {
        let text = "[mcp_servers.a]\r\ncommand = \"x\"\r\nnote = \"\"\"\r\nline one\r\nline \\\r\n   two\"\"\"\r\nraw = '''a\\b'''\r\nmask = 0xff\r\nbig = 1_000\r\n"
        let server = try #require(try CodexTOML.servers(in: text, path: "c.toml")["a"])
        #expect(server["command"] == "x")
        #expect(server["note"] == "line one\r\nline two")
        #expect(server["raw"] == "a\\b")
        #expect(server["mask"] == .number("255"))
        #expect(server["big"] == .number("1000"))
    }

    @Test func jsoncWithManyCommentsAndTrailingCommasIsLinear() throws {
        let result = try GrowthCheck.measure(n: 2_000, input: { n in
            "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": [\n" + (0..<n).map { "  \"a\($0)\", // c\n  /* b */\n" }.joined() + "]}}}"
        }) { text in
            let value = try JSONParser().parse(JSONC.strip(text)).value
            precondition(value["mcpServers"]?["a"]?["args"]?.arrayValue?.isEmpty == false)
        }
        #expect(result.ratio < 15, "JSONC: \(result)")
    }

    @Test func jsoncKeepsLinesAndStripsOnlyOutsideStrings() throws {
        let text = "{\n  // c\n  \"a\": \"// not /* a comment\",\n  \"b\": [1, /* x\n */ 2,],\n}"
        let stripped = JSONC.strip(text)
        #expect(stripped.split(separator: "\n", omittingEmptySubsequences: false).count == 6)
        #expect(try JSONValue(parsing: stripped) == ["a": "// not /* a comment", "b": [1, 2]])
    }
}

/// Finding each server's line once read the whole config per server: quadratic in a config with many.
struct ConfigLineGrowthTests {
    @Test func manyServersCostLinearly() throws {
        let reader = ClientConfigReader(environment: [:])
        let result = try GrowthCheck.measure(n: 300, input: { n in
            "{\n  \"mcpServers\": {\n" + (0..<n).map { "    \"s\($0)\": {\"command\": \"x\"}" }.joined(separator: ",\n") + "\n  }\n}\n"
        }) { text in
            let servers = try reader.servers(inText: text, path: "c.json")
            precondition(servers.last?.line == servers.count + 2)
        }
        #expect(result.ratio < 15, "config servers: \(result)")
    }
}
