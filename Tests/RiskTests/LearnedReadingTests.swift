import Definitions
import JSON
import Testing
@testable import Risk

/// The learned reading: its features, its gate, its fail-closed limits and the evidence it leaves.
struct LearnedReadingTests {
    static func context(_ json: String) throws -> ToolContext {
        try #require(ToolContext(JSONValue(parsing: json), index: 0))
    }

    static func verdict(_ category: Category, actions: [ActionAssessment] = []) -> ToolVerdict {
        let e = Evidence(ruleId: "name-verb", category: category, weight: 60, quote: "x", pointer: JSONPointer("/tools/0/name")!, reason: "test")
        return ToolVerdict(category: category, confidence: .high, evidence: [e], actions: actions, scores: [category: 60])
    }

    /// A model that knows one word: `assert` in a name means read, strongly.
    static let assertReadsModel = LearnedReading(table: "n=assert\t4\t-1\t-1\t-1\t-1\nd=sends\t-1\t-1\t4\t-1\t-1\n",
                                                 confident: 0.6, doubtful: 0.2, trainedOn: "a test table")

    @Test func wordsAreLowercasedASCIIRunsWithCamelCaseSplit() {
        #expect(LearnedFeatures.words("getUserInfo") == ["get", "user", "info"])
        #expect(LearnedFeatures.words("list_S3Buckets v2") == ["list", "s3", "buckets", "v2"])
        #expect(LearnedFeatures.words("Créer un fichier") == ["cr", "er", "un", "fichier"]) // non-ASCII separates
        #expect(LearnedFeatures.words("a b c d", limit: 2) == ["a", "b"])
    }

    @Test func featuresSayWhatTheRulesConcludedAndWhatTheToolSays() throws {
        let f = LearnedFeatures.of(name: "assert_title", description: "Checks the page title.", parameterNames: ["expectedTitle"],
                                   category: .write, evidence: Self.verdict(.write).evidence)
        #expect(f["cls=write"] == 1 && f["rule=name-verb>write"] == 1 && f["share=write"] == 1)
        #expect(f["top=name-verb>write"] == 1 && f["topq=x>write"] == 1)
        #expect(f["n0=assert"] == 1 && f["n1=title"] == 1 && f["nl=title"] == 1 && f["n=assert"] == 1)
        #expect(f["d0=checks"] == 1 && f["d=page"] == 0.5 && f["p=expected"] == 0.5 && f["p=title"] == 0.5)
        #expect(LearnedFeatures.of(name: "x", description: "", parameterNames: [], category: .write, evidence: [])["noevidence"] == 1)
    }

    @Test func aSureModelChangesTheCategoryAndSaysWhyFirst() throws {
        let tool = try Self.context(#"{"name": "assert_title", "description": "Fails unless the title matches."}"#)
        let revised = Self.assertReadsModel.revise(Self.verdict(.write), tool: tool)
        #expect(revised.category == .read && revised.confidence == .low)
        let first = try #require(revised.evidence.first)
        #expect(first.ruleId == LearnedReading.id && first.category == .read && first.quote == "assert")
        #expect(first.pointer == JSONPointer("/tools/0/name")! && first.reason.contains("name word 'assert'"))
        #expect(revised.evidence.count == 2, "the rules' evidence stays")
    }

    @Test func anUnsureModelChangesNothing() throws {
        let tool = try Self.context(#"{"name": "get_title"}"#)
        #expect(Self.assertReadsModel.revise(Self.verdict(.write), tool: tool) == Self.verdict(.write))
    }

    @Test func itNeverCallsReadWhatTheRulesFoundDangerous() throws {
        let tool = try Self.context(#"{"name": "assert_refund"}"#)
        for category in [Category.execute, .destructive, .financial] {
            #expect(Self.assertReadsModel.revise(Self.verdict(category), tool: tool).category == category)
        }
    }

    @Test func itDoesNotOverruleAVerbObjectReading() throws {
        // `add` two numbers computes (a verb-object reading); a model sure that `add` writes leaves it be,
        // and still changes a verdict that rests on the verb alone.
        let adds = LearnedReading(table: "n=add\t-1\t4\t-1\t-1\t-1\n", confident: 0.6, doubtful: 0.2, trainedOn: "a test table")
        let tool = try Self.context(#"{"name": "add_numbers"}"#)
        let reading = Evidence(ruleId: "name-verb", category: .read, weight: 60, quote: "add", pointer: JSONPointer("/tools/0/name")!,
                               reason: "verb 'add' leads the name: computes a result: nothing is stored")
        let computes = ToolVerdict(category: .read, confidence: .high, evidence: [reading], actions: [], scores: [.read: 60])
        #expect(adds.revise(computes, tool: tool).category == .read)
        #expect(adds.revise(Self.verdict(.read), tool: tool).category == .write)
    }

    @Test func itNeverCallsWriteWhatTheRulesFoundDangerous() throws {
        let writes = LearnedReading(table: "n=window\t-1\t4\t-1\t-1\t-1\n", confident: 0.6, doubtful: 0.2, trainedOn: "a test table")
        let tool = try Self.context(#"{"name": "split_window"}"#)
        for category in [Category.execute, .destructive, .financial] {
            #expect(writes.revise(Self.verdict(category), tool: tool).category == category)
        }
        // From read it may still raise the tool to write.
        #expect(writes.revise(Self.verdict(.read), tool: tool).category == .write)
    }

    @Test func itNeverPutsAToolBelowItsWorstAction() throws {
        let tool = try Self.context(#"{"name": "manage", "description": "It sends."}"#)
        let delete = ActionAssessment(value: "delete", parameter: "action", category: .destructive, severity: .critical, evidence: [])
        // The model reads execute ("sends"), the rules' write is doubtful, but the tool can delete.
        #expect(Self.assertReadsModel.revise(Self.verdict(.write, actions: [delete]), tool: tool).category == .write)
        #expect(Self.assertReadsModel.revise(Self.verdict(.write), tool: tool).category == .execute)
    }

    @Test func theTrainedTableIsLoaded() {
        let table = LearnedReading.trained.weights
        #expect(table.count > 1_000)
        // The generated text's own line for `cls=read`, read by `Double(_:)`, is what the table holds.
        let line = LearnedReading.table.split(separator: "\n").first { $0.hasPrefix("cls=read\t") }
        let written = line.flatMap { Double($0.split(separator: "\t")[1]) }
        #expect(written != nil)
        #expect(table.row(of: "cls=read").map { table.weight($0, 0) } == written)
    }

    /// The assessor runs the learned reading after the rules unless told not to.
    @Test func theAssessorRunsItUnlessToldNot() throws {
        let json = #"{"tools": [{"name": "assert_title", "description": "Fails unless the page title equals the text."}]}"#
        let server = ReviewedServer(ServerDefinitions(document: try JSONValue(parsing: json)))
        let with = try #require(Assessor().assess(server).tools.first)
        let without = try #require(Assessor(learned: false).assess(server).tools.first)
        #expect(!without.evidence.contains { $0.ruleId == LearnedReading.id })
        #expect(with.category == without.category || with.evidence.first?.ruleId == LearnedReading.id)
    }

    /// Training features are what the rules alone conclude, whatever assessor the caller passes.
    @Test func trainingFeaturesLeaveTheLearnedReadingOut() throws {
        let snapshot = #"{"tools": [{"name": "connect_database", "description": "Open a session to a customer database for later queries.", "inputSchema": {"type": "object", "properties": {"host": {"type": "string"}, "password": {"type": "string"}}}}]}"#
        let labels = "server\ttool\tcategory\tnote\ndemo\tconnect_database\tread\t\n"
        let e = try Evaluation(labelsTSV: labels, snapshots: [("demo", snapshot)], assessor: Assessor(), collectFeatures: true)
        let line = try #require(e.featureLines.first)
        #expect(e.featureLines.count == 1 && line.contains("\"cls=") && !line.contains(LearnedReading.id))
    }
}
