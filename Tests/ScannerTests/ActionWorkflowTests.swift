import Foundation
import JSON
import Testing
import TestSupport

/// `action.yml` and the README's workflow example are YAML GitHub must accept, and they fit together:
/// every input the example passes exists, every step that runs a script names its shell, the action
/// scans with the inputs it declares. PyYAML parses them (our own YAML reader only knows policy files).
struct ActionWorkflowTests {
    /// A Python that has PyYAML: the venv's, the PATH's, or the system's.
    static let yamlPython: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = [RepoPaths.file(".venv/bin/python3").path] + path.split(separator: ":").map { "\($0)/python3" } + ["/usr/bin/python3"]
        for python in candidates where FileManager.default.isExecutableFile(atPath: python) {
            if (try? CommandRun.run(python, ["-c", "import yaml"]))?.status == 0 { return python }
        }
        return nil
    }()

    static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// The YAML text as JSON, through `yaml.safe_load` (YAML 1.1: the key `on` reads as `true`, so it is renamed back).
    static func load(_ yaml: String) throws -> JSONValue {
        let python = try #require(yamlPython, "CI is set but no python3 with PyYAML was found (apt-get install python3-yaml)")
        let script = """
        import json, sys, yaml
        doc = yaml.safe_load(sys.stdin.read())
        if isinstance(doc, dict) and True in doc: doc["on"] = doc.pop(True)
        print(json.dumps(doc))
        """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-yaml-\(UUID().uuidString).yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try CommandRun.run("/bin/sh", ["-c", "exec \"$0\" -c \"$1\" < \"$2\"", python, script, file.path])
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONValue(parsing: run.stdout)
    }

    /// The README's workflow: the yaml block of the "In CI (GitHub Actions)" section.
    static func readmeWorkflow() throws -> String {
        let readme = try RepoPaths.text("README.md")
        let section = try #require(readme.range(of: "### In CI (GitHub Actions)"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```yaml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test(.enabled(if: yamlPython != nil || inCI, "needs python3 with PyYAML (apt-get install python3-yaml)"))
    func theActionIsACompositeActionThatUsesOnlyWhatItDeclares() throws {
        let text = try RepoPaths.text("action.yml")
        let action = try Self.load(text)
        #expect(action["runs"]?["using"] == "composite")
        let inputs = try #require(action["inputs"]?.objectValue)
        #expect(inputs.keys == ["config", "fail-on", "sarif", "upload-sarif", "args", "allow-user-namespaces"])
        for input in inputs.members { #expect(input.value["description"]?.stringValue != nil && input.value["default"] != nil, "\(input.key)") }
        let steps = try #require(action["runs"]?["steps"]?.arrayValue)
        for step in steps where step["run"] != nil { #expect(step["shell"] == "bash", "\(step["name"] ?? .null)") }
        // Every `inputs.X` and `steps.ID` the action mentions exists.
        let ids = Set(steps.compactMap { $0["id"]?.stringValue })
        for match in text.matches(of: /inputs\.([a-z-]+)/) { #expect(inputs[String(match.1)] != nil, "unknown input \(match.1)") }
        for match in text.matches(of: /steps\.([a-z-]+)\.outputs/) { #expect(ids.contains(String(match.1)), "unknown step \(match.1)") }
        #expect(action["outputs"]?.objectValue?.keys == ["binary", "exit-status"])
        // Script values reach the shell through env, never pasted into the script.
        for step in steps { #expect(step["run"]?.stringValue?.contains("${{") != true, "\(step["name"] ?? .null) pastes an expression into its script") }
        let scan = try #require(steps.first { $0["id"] == "scan" }?["run"]?.stringValue)
        #expect(scan.contains(#""$MCPRISK" scan --config "$CONFIG" --fail-on "$FAIL_ON" --output "sarif=$SARIF" $ARGS"#))
    }

    @Test(.enabled(if: yamlPython != nil || inCI, "needs python3 with PyYAML (apt-get install python3-yaml)"))
    func theReadmeWorkflowIsValidAndUsesTheAction() throws {
        let text = try Self.readmeWorkflow()
        #expect(!text.contains("OWNER"))
        let workflow = try Self.load(text)
        let on = try #require(workflow["on"]?.objectValue, "the on: block must be a mapping of events")
        #expect(on.keys == ["pull_request", "schedule"])
        let cron = try #require(workflow["on"]?["schedule"]?[0]?["cron"]?.stringValue)
        #expect(cron.split(separator: " ").count == 5)
        let steps = try #require(workflow["jobs"]?["scan"]?["steps"]?.arrayValue)
        let checkout = try #require(steps.first { $0["with"]?["path"] == ".mcprisk" })
        #expect(checkout["uses"] == "actions/checkout@v4")
        #expect(checkout["with"]?["repository"] == "${{ vars.MCPRISK_REPOSITORY }}")
        let scan = try #require(steps.first { $0["uses"] == "./.mcprisk" })
        let declared = try Self.load(try RepoPaths.text("action.yml"))["inputs"]?.objectValue?.keys ?? []
        for key in scan["with"]?.objectValue?.keys ?? [] { #expect(declared.contains(key), "the example passes unknown input \(key)") }
        #expect(workflow["jobs"]?["scan"]?["permissions"]?["security-events"] == "write")
    }
}
