import Definitions
import JSON
import Testing
@testable import Risk

/// The classifier on tools that generalise PolicyLayer's known mistakes and the rules of the labelling guide.
struct ClassifierTests {
    /// The assessment of one tool written as JSON.
    static func assess(_ json: String) throws -> ToolAssessment {
        let tools = try #require(Assessor().assess(ReviewedServer(ServerDefinitions(document: JSONValue(parsing: json)))).tools.first)
        return tools
    }

    static func tool(_ name: String, _ description: String? = nil, properties: String = "{}") -> String {
        let d = description.map { ", \"description\": \"\($0)\"" } ?? ""
        return #"{"name": "\#(name)"\#(d), "inputSchema": {"type": "object", "properties": \#(properties)}}"#
    }

    @Test(arguments: [
        ("bitpos", "Return the position of the first bit set to 1 or 0 in a string.", Category.read),
        ("list_charges", "List all charges for the account.", .read),
        ("tf_apply", "Apply the Terraform plan to the workspace.", .execute),
        ("terraform_apply", nil, .execute),
        ("deploy", "Deploy the application.", .execute),
        ("get_current_time", "Get the current time in a timezone.", .read),
        ("git_commit", "Records changes to the repository.", .write),
        ("create_refund", "Create a refund for a charge.", .financial),
        ("create_payment_intent", "Creates a PaymentIntent.", .financial),
        ("place_order", "Place a market order.", .financial),
        ("drop_table", "Drop a table from the database.", .destructive),
        ("purge_queue", "Deletes all messages in the queue.", .destructive),
        ("terminate_instances", "Shuts down one or more instances.", .destructive),
        ("delete_user", nil, .destructive),
        ("get_delete_status", "Gets the status of a delete request.", .read),
        ("list_and_purge_expired", "Lists expired sessions and purges them.", .destructive),
        ("k8s.pods.delete", nil, .destructive),
        ("cancelSubscription", "Cancels the customer's subscription and stops billing.", .financial),
        ("json_arrtrim", "Trim an array so that it contains only the given range.", .destructive), // what falls outside is gone
        ("hdel", "Delete one or more fields from a hash.", .destructive),
        ("send_email", "Sends an email. This cannot be undone.", .execute), // sending is execute by the definition
        ("assert_title", "Fails unless the page title equals the given text.", .read), // a check changes nothing
        ("propose_cleanup_plan", "Lists what a cleanup would remove; nothing is removed.", .read), // a plan, not the act
        ("gitea_list_pull_files", "Files changed in a pull request.", .read), // 'pull' is a noun here
        ("switch_to_frame", "Moves focus into an iframe.", .read),
        ("pause_playback", "Pauses the player.", .write), // a player, not a workload
        ("deallocate_vm", nil, .execute), // stops a VM and releases its compute
        ("refund_create", "Refund an operation, fully or in part.", .financial), // the object before a closing verb
        ("balance_sheet", "Balance sheet as of a date.", .read), // a report noun, no verb
        ("browser_type", "Type text into an input field of the page.", .write), // typing fills a field; it does not submit
        ("backup_restore_mysql", "Restore a MySQL database from a backup.", .destructive), // the saved copy overwrites what is there
        ("wyze_turn_on_device", "Turn on a Wyze device (light or plug).", .execute), // a physical effect
    ] as [(String, String?, Category)])
    func classifies(_ name: String, _ description: String?, _ expected: Category) throws {
        let a = try Self.assess(Self.tool(name, description))
        #expect(a.category == expected, "\(name): \(a.evidence.prefix(3).map(\.summary))")
    }

    @Test func schemaArgues() throws {
        let shell = try Self.assess(Self.tool("run", "Runs it.", properties: #"{"command": {"type": "string"}}"#))
        #expect(shell.category == .execute)
        let sqlWrites = try Self.assess(Self.tool("run_query", "Run a SQL query. INSERT, UPDATE and DELETE are allowed.", properties: #"{"sql": {"type": "string"}}"#))
        #expect(sqlWrites.category == .execute)
        let sqlReads = try Self.assess(Self.tool("query_database", "Run a read-only SQL query (SELECT only).", properties: #"{"sql": {"type": "string"}}"#))
        #expect(sqlReads.category == .read)
        let search = try Self.assess(Self.tool("search_docs", "Search the documentation.", properties: #"{"query": {"type": "string"}}"#))
        #expect(search.category == .read)
        let payment = try Self.assess(Self.tool("process", nil, properties: #"{"amount": {"type": "integer"}, "currency": {"type": "string"}}"#))
        #expect(payment.category == .financial)
    }

    @Test func negationsAreNotWriteEvidence() throws {
        let a = try Self.assess(Self.tool("inspect_config", "Shows the configuration. Does not modify anything; read-only."))
        #expect(a.category == .read)
        #expect(!a.evidence.contains { $0.category == .write })
    }

    @Test func multiActionToolTakesItsMostDangerousAction() throws {
        let a = try Self.assess(Self.tool("manage_branches", "Manage branches.", properties: #"{"action": {"type": "string", "enum": ["get_active", "list_source_replicas", "delete_branch", "abort"]}}"#))
        #expect(a.category == .destructive)
        #expect(a.actions.map(\.value) == ["get_active", "list_source_replicas", "delete_branch", "abort"])
        #expect(a.actions.map(\.category) == [.read, .read, .destructive, .write])
        #expect(a.actions[2].parameter == "action")
        #expect(a.actions[2].evidence.first?.pointer.description == "/tools/0/inputSchema/properties/action/enum/2")
    }

    @Test func aBareActionVerbActsOnWhatTheToolIsAbout() throws {
        // `cancel` of a subscription tool on a money server cancels a subscription: financial.
        let money = try Self.assess(Self.tool("manage_subscription", "Manage a customer's subscription and billing plan.",
                                              properties: #"{"action": {"type": "string", "enum": ["get", "pause", "cancel"]}}"#))
        #expect(money.actions.first { $0.value == "cancel" }?.category == .financial)
        #expect(money.actions.first { $0.value == "get" }?.category == .read)
        #expect(money.category == .financial)
        // The same verbs on a topic subscription of a message bus move no money.
        let bus = try Self.assess(Self.tool("manage_subscription", "Manage an SNS topic subscription.",
                                            properties: #"{"action": {"type": "string", "enum": ["get", "pause", "cancel"]}}"#))
        #expect(bus.actions.first { $0.value == "cancel" }?.category == .write)
    }

    @Test func actionsBehindALocalReference() throws {
        let json = ##"{"name": "branches", "inputSchema": {"type": "object", "properties": {"op": {"$ref": "#/$defs/Op"}}, "$defs": {"Op": {"enum": ["list", "purge"]}}}}"##
        let a = try Self.assess(json)
        #expect(a.category == .destructive)
        #expect(a.actions.map(\.value) == ["list", "purge"])
        #expect(a.actions[1].evidence.first?.pointer.description == "/tools/0/inputSchema/$defs/Op/enum/1")
    }

    @Test func queryLanguagesThatMayWrite() throws {
        let cypher = try Self.assess(Self.tool("write_neo4j_cypher", "Execute a write Cypher query.", properties: #"{"query": {"type": "string"}}"#))
        #expect(cypher.category == .execute)
        let sql = try Self.assess(Self.tool("query", "Run a SQL query against the database.", properties: #"{"sql": {"type": "string"}}"#))
        #expect(sql.category == .execute)
        let promql = try Self.assess(Self.tool("execute_promql_query", "Execute a PromQL query.", properties: #"{"query": {"type": "string"}}"#))
        #expect(promql.category == .read)
    }

    @Test func actionsListedOnlyInProse() throws {
        let a = try Self.assess(Self.tool("manage_events", "Manages calendar events.", properties: #"{"action": {"type": "string", "description": "Action to perform, one of: create, update, delete"}}"#))
        #expect(a.category == .destructive)
        #expect(Set(a.actions.map(\.value)) == ["create", "update", "delete"])
    }

    @Test func readOnlyHintIsEvidenceNotProof() throws {
        let vague = try Self.assess(#"{"name": "fizzbuzz", "annotations": {"readOnlyHint": true}}"#)
        #expect(vague.category == .read)
        let lying = try Self.assess(#"{"name": "delete_user", "description": "Deletes a user.", "annotations": {"readOnlyHint": true}}"#)
        #expect(lying.category == .destructive)
    }

    @Test func confidenceFollowsEvidence() throws {
        let thin = try Self.assess(#"{"name": "fizzbuzz"}"#)
        #expect(thin.category == CategoryDecision.fallback && thin.confidence == .low && thin.evidence.isEmpty)
        let agreeing = try Self.assess(Self.tool("delete_file", "Permanently deletes a file. This cannot be undone.", properties: #"{"force": {"type": "boolean"}}"#))
        #expect(agreeing.category == .destructive && agreeing.confidence == .high)
    }

    @Test func evidenceIsQuotedStrongestFirst() throws {
        let a = try Self.assess(Self.tool("delete_user", "Deletes a user."))
        #expect(a.evidence.first?.quote == "delete")
        #expect(a.evidence.first?.pointer.description == "/tools/0/name")
        #expect(zip(a.evidence, a.evidence.dropFirst()).allSatisfy { $0.weight >= $1.weight })
        #expect(a.evidence.contains { $0.quote == "Deletes" && $0.pointer.description == "/tools/0/description" })
    }
}
