import Definitions
import JSON
import Policy
import Risk
import Testing
import TestSupport

/// What the policies do, checked by evaluating calls against them the way the gateways do.
struct PolicyBuilderTests {
    struct Built {
        let doc: PolicyDocument
        let yaml: YAMLValue
        let json: JSONValue
        func allows(_ tool: String, _ args: JSONValue) -> (intercept: Bool, policylayer: Bool) {
            (InterceptSemantics.allows(policy: yaml, tool: tool, arguments: args),
             PolicyLayerSemantics.allows(policy: json, tool: tool, arguments: args))
        }
    }

    func build(_ fixture: String, _ profile: PolicyProfile) throws -> Built {
        let f = try PolicyFixture.load(fixture)
        let doc = PolicyBuilder(profile: profile).build(assessment: f.assessment, tools: f.tools, serverName: f.serverName)
        return Built(doc: doc, yaml: try YAMLSubsetParser().parse(InterceptYAMLWriter.render(doc)),
                     json: try JSONParser().parse(PolicyLayerJSONWriter.render(doc)).value)
    }

    @Test(arguments: PolicyProfile.allCases)
    func multiActionToolKeepsItsSafeHalf(profile: PolicyProfile) throws {
        let b = try build("dbadmin", profile)
        // Reads in every profile; writes too except under strict, which allows reads only.
        let writes = ["insert_rows", "update_rows"]
        for action in ["list_tables", "describe_table", "select_rows"] + (profile == .strict ? [] : writes) {
            let r = b.allows("db_admin", ["action": .string(action), "database": "app"])
            #expect(r.intercept && r.policylayer, "\(profile) \(action)")
        }
        for action in ["delete_rows", "truncate_table", "drop_table", "something_else"] + (profile == .strict ? writes : []) {
            let r = b.allows("db_admin", ["action": .string(action), "database": "app"])
            #expect(!r.intercept && !r.policylayer, "\(profile) \(action)")
        }
        // The schema's enum for `database` is enforced too; missing required arguments are denied.
        #expect(b.allows("db_admin", ["action": "select_rows", "database": "prod"]) == (false, false))
        #expect(b.allows("db_admin", ["action": "select_rows"]) == (false, false))
        // The denial names the evidence.
        let rule = b.doc.tools.first { $0.name == "db_admin" }?.rules.first { $0.name == "allowed actions" }
        #expect(rule?.onDeny.contains("drop_table is destructive (evidence: \"drop\"") == true)
    }

    @Test func unclassifiedActionsAreDeniedAndNamed() throws {
        let f = try PolicyFixture.load("dbadmin")
        var assessment = f.assessment
        assessment.tools[0].actions.removeAll { $0.value == "update_rows" }
        let doc = PolicyBuilder(profile: .recommended).build(assessment: assessment, tools: f.tools, serverName: "db")
        let gate = doc.tools[0].rules.first { $0.name == "allowed actions" }
        #expect(gate?.onDeny.hasSuffix("Unclassified actions are denied too: update_rows.") == true)
        let yaml = try YAMLSubsetParser().parse(InterceptYAMLWriter.render(doc))
        #expect(!InterceptSemantics.allows(policy: yaml, tool: "db_admin", arguments: ["action": "update_rows", "database": "app"]))
        #expect(InterceptSemantics.allows(policy: yaml, tool: "db_admin", arguments: ["action": "insert_rows", "database": "app"]))
    }

    @Test func financialAmountGetsCeilingAndDailyTotal() throws {
        let b = try build("payments", .recommended)
        let ok: JSONValue = ["amount": 5000, "currency": "usd", "customer": "cus_123"]
        #expect(b.allows("create_payment_intent", ok) == (true, true))
        #expect(b.allows("create_payment_intent", ["amount": 20000, "currency": "usd", "customer": "cus_123"]) == (false, false))
        #expect(b.allows("create_payment_intent", ["amount": -5, "currency": "usd", "customer": "cus_123"]) == (false, false))
        #expect(b.allows("create_payment_intent", ["amount": 5000, "currency": "jpy", "customer": "cus_123"]) == (false, false))
        let total = b.doc.tools.first { $0.name == "create_payment_intent" }?.rules.first { $0.name == "daily amount total" }
        #expect(total?.kind == .runningTotal(counter: "daily_amount", argument: "args.amount", max: 100_000, window: .day, hourlyCallCap: 1))
        // Without an amount there is nothing to bound: denied, naming the evidence.
        #expect(b.allows("create_payout", ["destination": "ba_1"]) == (false, false))
        #expect(b.doc.tools.first { $0.name == "create_payout" }?.rules.first?.onDeny.contains("\"payout\" at /tools/4/name") == true)
        // A full refund (no amount) is denied; the note says so.
        #expect(b.allows("create_refund", ["payment_intent": "pi_1"]) == (false, false))
        #expect(b.doc.tools.first { $0.name == "create_refund" }?.notes.contains { $0.contains("is optional") } == true)
    }

    @Test func profilesDifferAsDocumented() throws {
        let strict = try build("payments", .strict)
        #expect(Set(strict.doc.hidden.map(\.name)) == ["create_payment_intent", "create_refund", "create_payout", "payments.capture", "delete_customer"])
        #expect(strict.yaml["hide"]?.sequenceValue?.count == 5)
        let shellStrict = try build("shell", .strict)
        #expect(shellStrict.doc.tools.first { $0.name == "run_command" }?.isDenied == true)
        #expect(shellStrict.doc.hidden.map(\.name).contains("get_env"))
        let permissive = try build("git", .permissive)
        #expect(permissive.doc.tools.first { $0.name == "git_reset" }?.isDenied == true)
        #expect(permissive.doc.tools.first { $0.name == "git_commit" }?.rules.first?.kind == .rateLimit(max: 60, window: .minute))
        let permissivePay = try build("payments", .permissive)
        #expect(permissivePay.allows("create_payment_intent", ["amount": 90000, "currency": "eur", "customer": "cus_1"]) == (true, true))
        let recommended = try build("git", .recommended)
        #expect(recommended.doc.tools.first { $0.name == "git_status" }?.isAllowed == true)
        #expect(recommended.doc.tools.first { $0.name == "git_commit" }?.rules == [
            PolicyRule(name: "write rate limit", kind: .rateLimit(max: 30, window: .minute),
                       onDeny: "Rate limit of 30 calls per minute for write tools reached. Try again later. "
                           + "(A write tool, evidence: \"commit\" at /tools/4/name: verb 'commit' in the name.)"),
        ])
        #expect(recommended.doc.tools.first { $0.name == "git_push" }?.isDenied == true)
    }

    /// The permissive profile keeps execution open, limited and checked against the schema.
    @Test func executeToolsGetSchemaConditions() throws {
        let b = try build("shell", .permissive)
        #expect(b.allows("run_command", ["command": "ls", "timeout_seconds": 30]) == (true, true))
        #expect(b.allows("run_command", ["command": "ls", "timeout_seconds": 6000]) == (false, false))
        #expect(b.allows("run_command", ["command": "ls"]) == (false, false))
        // Intercept can check lengths with a regex; PolicyLayer cannot negate one.
        #expect(b.allows("run_command", ["command": "", "timeout_seconds": 30]) == (false, true))
        let notes = b.doc.tools.first { $0.name == "run_command" }?.notes ?? []
        #expect(notes.contains { $0.contains("above RE2's repeat limit") })
        #expect(notes.contains { $0.contains("optional parameter \"shell\": in not enforced") })
        #expect(notes.contains { $0.contains("pattern of \"cwd\" is not usable by Intercept") })
        let script = b.doc.tools.first { $0.name == "exec_script" }
        #expect(script?.notes.contains { $0.contains("backreference") } == true)
    }

    /// The recommended profile denies an execute tool when what it runs is whatever the agent writes
    /// (a command, code, SQL, an image, a URL), says why and how to allow it; the rest of execute stays
    /// rate-limited with its schema conditions.
    @Test func recommendedDeniesExecutionOfWhatTheAgentWrites() throws {
        let shell = try build("shell", .recommended)
        #expect(shell.allows("run_command", ["command": "ls", "timeout_seconds": 30]) == (false, false))
        let denial = shell.doc.tools.first { $0.name == "run_command" }?.rules.first?.onDeny ?? ""
        #expect(denial.contains("code or a command to run (input \"command\""), "\(denial)")
        #expect(denial.contains("To allow it, add a rule that limits args.command"), "\(denial)")

        let root = try JSONParser().parse(try RepoPaths.text("Tests/PolicyTests/Fixtures/mcp-server-docker.json")).value
        let server = ReviewedServer(ServerDefinitions(document: root), name: "docker")
        let assessment = Assessor().assess(server)
        let doc = PolicyBuilder(profile: .recommended).build(assessment: assessment, server: server)
        func tool(_ name: String) -> ToolPolicy? { doc.tools.first { $0.name == name } }
        for (name, what) in [("run_container", "an image to run or build (input \"image\""),
                             ("build_image", "a Dockerfile to build (input \"dockerfile\"")] {
            #expect(tool(name)?.category == .execute, "\(name)")
            #expect(tool(name)?.isDenied == true, "\(name): \(tool(name)?.rules.map(\.name) ?? [])")
            #expect(tool(name)?.rules.first?.onDeny.contains(what) == true, "\(name): \(tool(name)?.rules.first?.onDeny ?? "")")
        }
        // Restarting a named service runs nothing the agent wrote: limited, its required name checked.
        let restart = try JSONValue(parsing: #"{"name": "restart_service", "description": "Restart a service.", "inputSchema": {"type": "object", "properties": {"service": {"type": "string", "maxLength": 64}}, "required": ["service"]}}"#)
        // (Built by hand: CATEGORIES.md makes restarting execute; the test is about the policy, not the classifier.)
        let assessed = ToolAssessment(name: "restart_service", pointer: JSONPointer(tokens: ["tools", "0"]), category: .execute, severity: .high,
                                      confidence: .high, evidence: [], annotations: DeclaredAnnotations(tool: restart), inputs: ToolInputs(tool: restart))
        let limited = try #require(PolicyBuilder(profile: .recommended).build(assessment: ServerAssessment(tools: [assessed], findings: []),
                                                                               tools: [restart], serverName: "x").tools.first)
        #expect(limited.category == .execute)
        #expect(limited.rules.map(\.name) == ["execute rate limit", "argument constraints"])
        #expect(limited.rules.last?.kind == .require([PolicyCondition(path: "args.service", op: .exists, value: true),
                                                      PolicyCondition(path: "args.service", op: .regex, value: "(?s)^.{0,64}$")]))
        // Under permissive, the same tools are limited and checked, as before.
        let open = PolicyBuilder(profile: .permissive).build(assessment: assessment, server: server)
        #expect(open.tools.first { $0.name == "run_container" }?.rules.first?.kind == .rateLimit(max: 30, window: .minute))
    }

    @Test func findingRaisedToolIsDeniedWithTheFinding() throws {
        let b = try build("shell", .recommended)
        let env = b.doc.tools.first { $0.name == "get_env" }
        #expect(env?.isDenied == true)
        #expect(env?.rules.first?.onDeny.contains("hidden-instructions") == true)
        #expect(env?.rules.first?.onDeny.contains("~/.ssh/id_rsa") == true)
    }

    @Test func ambiguousAndWildcardNamesFailClosed() throws {
        let b = try build("hostile", .recommended)
        #expect(b.doc.tools.first { $0.name == "dup" }?.rules.map(\.name) == ["duplicate tool name"])
        #expect(!b.doc.tools.contains { $0.name == "*" } && !b.doc.hidden.contains { $0.name == "*" })
        #expect(b.doc.notes.contains { $0.contains("named \"*\"") })
        #expect(b.allows("*", [:]) == (false, false))
        // A dotted name cannot keep Intercept counters: denied there, limited in PolicyLayer.
        #expect(b.allows("evil.example", ["x: y": "yes", "q": "x"]) == (false, true))
    }
}
