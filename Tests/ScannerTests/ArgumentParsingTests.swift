import Testing
@testable import CLI

struct ArgumentParsingTests {
    let spec = CommandSpec(name: "scan", usage: ["scan"], summary: "s",
                           options: [.value("format", "FORMAT", short: "f", "f"), .value("header", "H", repeatable: true, "h"), .flag("demo", "d")],
                           maxPositionals: 1, acceptsCommandAfterDashes: true)

    @Test func parsesOptionsPositionalsAndCommandAfterDashes() throws {
        let p = try ParsedArguments(["--format=json", "--header", "A: 1", "--header", "B: 2", "--demo", "file.json", "--", "python3", "-m", "srv", "--format", "y"], spec: spec)
        #expect(p.value("format") == "json")
        #expect(p.values("header") == ["A: 1", "B: 2"])
        #expect(p.flag("demo"))
        #expect(p.positionals == ["file.json"])
        #expect(p.commandAfterDashes == ["python3", "-m", "srv", "--format", "y"])
    }

    @Test(arguments: [
        (["--nope"], "unknown option --nope for 'scan'"),
        (["--format"], "--format needs a value (FORMAT)"),
        (["--demo=1"], "--demo takes no value"),
        (["-f", "a", "--format", "b"], "--format given more than once"),
        (["a", "b"], "unexpected argument 'b' for 'scan'"),
        (["-z"], "unknown option -z for 'scan'"),
    ])
    func reportsUsageErrorsByName(_ args: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try ParsedArguments(args, spec: spec) }
    }

    @Test func choicesAreCaseInsensitiveAndNamed() throws {
        enum Color: String, CaseIterable { case red, blue }
        #expect(try ParsedArguments(["-f", "RED"], spec: spec).choice("format", as: Color.self) == .red)
        #expect(throws: UsageError("--format must be one of red|blue, not 'green'")) {
            try ParsedArguments(["-f", "green"], spec: spec).choice("format", as: Color.self)
        }
    }
}
