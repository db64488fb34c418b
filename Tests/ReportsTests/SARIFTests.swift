import Foundation
import JSON
import Risk
import Testing
@testable import Reports
import TestSupport

@Suite("SARIF 2.1.0")
struct SARIFTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

    @Test(.enabled(if: ExternalTools.schemaPython != nil || ExternalTools.inCI,
                   "needs .venv/bin/python3 with jsonschema (python3 -m venv .venv && .venv/bin/pip install jsonschema)"))
    func validAgainstTheOfficialSchema() throws {
        let python = try #require(ExternalTools.schemaPython, "CI is set but .venv/bin/python3 with jsonschema is missing")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        let reports = [("rich", ReportFixture.rich), ("complete", ReportFixture.completeOnly), ("hostile", ReportFixture.hostile),
                       ("empty", Report(generator: .init(version: "1"), servers: [])),
                       ("no-source", Report(generator: .init(version: "1"), servers: [ServerReport(
                           target: "x", name: "n", status: .complete, assessment: ReportFixture.complete.assessment)]))]
        for (name, report) in reports {
            for limit in [SARIFRenderer.maxResultsPerRun, 2] {
                let url = dir.appendingPathComponent("\(name)-\(limit).sarif")
                try SARIFRenderer(rules: ReportFixture.rules, resultLimit: limit).render(report).write(to: url, atomically: true, encoding: .utf8)
                paths.append(url.path)
            }
        }
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        validator = jsonschema.Draft4Validator(schema)
        bad = 0
        for path in sys.argv[2:]:
            for error in validator.iter_errors(json.load(open(path))):
                bad += 1
                print(path, list(error.absolute_path), error.message[:300])
        print("validated", len(sys.argv) - 2, "documents,", bad, "errors")
        sys.exit(1 if bad else 0)
        """
        let schema = RepoPaths.file("Tests/ReportsTests/Schemas/sarif-2.1.0.json").path
        let outcome = try ExternalTools.run(python, ["-c", script, schema] + paths, timeout: 120)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("validated \(paths.count) documents, 0 errors"))
    }

    @Test func rulesResultsAndIndexesAgree() throws {
        let doc = try Self.parse(SARIFRenderer(rules: ReportFixture.rules).render(ReportFixture.rich))
        #expect(doc["version"] == "2.1.0")
        let run = try #require(doc["runs"]?[0])
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        let ids = rules.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == ids.count)
        for given in ReportFixture.rules { #expect(ids.contains(given.id)) }
        for id in ["category-execute", "category-destructive", "category-financial", "name-collision"] { #expect(ids.contains(id)) }
        let hidden = try #require(rules.first { $0["id"] == "hidden-instructions" })
        #expect(hidden["properties"]?["security-severity"] == "9.0")
        #expect(hidden["properties"]?["tags"] == ["security", "poisoning", "finding"])
        #expect(hidden["defaultConfiguration"]?["level"] == "error")
        #expect(hidden["help"]?["markdown"]?.stringValue?.contains("**instructs**") == true)
        let results = try #require(run["results"]?.arrayValue)
        for r in results {
            let index = try #require(r["ruleIndex"]?.intValue)
            #expect(rules[index]["id"] == r["ruleId"])
            #expect(r["partialFingerprints"]?["mcpriskResult/v1"]?.stringValue?.count == 64)
        }
        // 5 findings + run_command, delete_repository, transfer_funds and github as dangerous tools.
        #expect(results.count == 9)
        let levels = results.compactMap { $0["level"]?.stringValue }
        #expect(levels.filter { $0 == "error" }.count == 6 && levels.filter { $0 == "warning" }.count == 2 && levels.contains("note"))
        let first = try #require(results.first)
        #expect(first["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == ".cursor/mcp.json")
        #expect(first["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"] == .number("12"))
        #expect(first["locations"]?[0]?["logicalLocations"]?[0]?["kind"] == "function")
        #expect(first["locations"]?[0]?["logicalLocations"]?[0]?["fullyQualifiedName"]?.stringValue?.hasPrefix("everything/") == true)
        #expect(first["locations"]?[0]?["logicalLocations"]?[1]?["kind"] == "module")
    }

    @Test func fingerprintsAreStableAcrossOrderAndRuns() throws {
        func fingerprints(_ report: Report) throws -> Set<String> {
            let doc = try Self.parse(SARIFRenderer(rules: ReportFixture.rules).render(report))
            return Set(try #require(doc["runs"]?[0]?["results"]?.arrayValue).compactMap { $0["partialFingerprints"]?["mcpriskResult/v1"]?.stringValue })
        }
        let report = ReportFixture.rich
        var reordered = report
        reordered.servers.reverse()
        reordered.servers[2].assessment.findings.reverse()
        reordered.generator.version = "9.9.9"
        #expect(try fingerprints(report) == fingerprints(reordered))
        #expect(try fingerprints(report).count == 9, "no two results share a fingerprint")
        var moved = report
        moved.servers[0].assessment.findings[0].quote += " changed"
        #expect(try fingerprints(report) != fingerprints(moved))
    }

    @Test func resultsBeyondTheLimitAreCutMostSevereFirstWithANotification() throws {
        let doc = try Self.parse(SARIFRenderer(rules: ReportFixture.rules, resultLimit: 3).render(ReportFixture.rich))
        let run = try #require(doc["runs"]?[0])
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["properties"]?["severity"] == "critical" })
        let notes = try #require(run["invocations"]?[0]?["toolExecutionNotifications"]?.arrayValue)
        #expect(notes.contains { $0["descriptor"]?["id"] == "results-truncated" && $0["level"] == "warning" })
        #expect(SARIFRenderer(rules: [], resultLimit: 1_000_000).resultLimit == 25_000)
    }

    @Test func everyResultHasAPhysicalLocationAsGitHubRequires() throws {
        var report = ReportFixture.rich
        report.servers[0].source = nil
        report.servers[0].name = "../../etc/@acme server"
        let doc = try Self.parse(SARIFRenderer(rules: ReportFixture.rules).render(report))
        let results = try #require(doc["runs"]?[0]?["results"]?.arrayValue)
        #expect(results.count == 9)  // as in rulesResultsAndIndexesAgree: 5 findings and 4 dangerous tools
        for r in results {
            let physical = try #require(r["locations"]?[0]?["physicalLocation"])
            #expect(physical["artifactLocation"]?["uri"] == "mcp-server/%2E%2E%2F%2E%2E%2Fetc%2F%40acme%20server")
            #expect(physical["region"]?["startLine"] == .number("1"))
        }
    }

    @Test func messagesCannotCarryEmbeddedLinks() {
        #expect(SARIFRenderer.plainMessage("see [here](1)") == #"see \[here\](1)"#)
    }

    @Test func uriEncoding() {
        #expect(SARIFRenderer.uri(".cursor/mcp.json") == ".cursor/mcp.json")
        #expect(SARIFRenderer.uri("/home/me/my config.json") == "file:///home/me/my%20config.json")
        #expect(SARIFRenderer.uri("C:\\Users\\me\\mcp.json") == "C%3A/Users/me/mcp.json")
        #expect(SARIFRenderer.uri("ünï") == "%C3%BCn%C3%AF")
    }
}

@Suite("SARIF size limits")
struct SARIFSizeTests {
    /// A report with `count` findings whose quotes are long and hard to compress.
    static func bulky(_ count: Int) -> Report {
        var findings: [Finding] = []
        var seed: UInt64 = 42
        for i in 0..<count {
            var quote = ""
            for _ in 0..<1_200 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                quote.unicodeScalars.append(Unicode.Scalar(UInt8(33 + (seed >> 33) % 90)))
            }
            findings.append(Finding(ruleId: "hidden-instructions", severity: Severity.allCases[i % 4], confidence: .high,
                                    message: "finding \(i)", quote: quote,
                                    location: Location(kind: .tool, name: "tool\(i)", pointer: JSONPointer(tokens: ["tools", "\(i)"]))))
        }
        let server = ServerReport(target: "bulk", name: "bulk", status: .complete, assessment: ServerAssessment(tools: [], findings: findings))
        return Report(generator: .init(version: "1"), servers: [server])
    }

    @Test func aDocumentOverItsByteBudgetTurnsCompactThenDropsTheLeastSevere() throws {
        let report = Self.bulky(200)
        let budget = 100_000
        let text = SARIFRenderer(rules: ReportFixture.rules, byteBudget: budget).render(report)
        #expect(text.utf8.count <= budget)
        #expect(!text.hasPrefix("{\n"), "compact layout once pretty does not fit")
        let doc = try JSONValue(parsing: text)
        let results = try #require(doc["runs"]?[0]?["results"]?.arrayValue)
        #expect(results.count < 200 && results.count > 25)
        let kept = results.compactMap { $0["properties"]?["severity"]?.stringValue }.compactMap(Severity.init(rawValue:))
        #expect(kept.first == .critical)
        #expect(kept == kept.sorted(by: >), "the most severe are kept")
        let notes = try #require(doc["runs"]?[0]?["invocations"]?[0]?["toolExecutionNotifications"]?.arrayValue)
        #expect(notes.contains { $0["descriptor"]?["id"] == "results-truncated" })
    }

    @Test func quotesAndMessagesAreClipped() throws {
        let doc = try JSONValue(parsing: SARIFRenderer(rules: []).render(Self.bulky(1)))
        let result = try #require(doc["runs"]?[0]?["results"]?[0])
        #expect(result["properties"]?["quote"]?.stringValue?.count == SARIFRenderer.maxMessageCharacters)
        #expect((result["message"]?["text"]?.stringValue?.count ?? 0) <= SARIFRenderer.maxMessageCharacters)
    }
}
