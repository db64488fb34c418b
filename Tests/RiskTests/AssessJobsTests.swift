import Testing
@testable import Risk

/// One server's assessment read on several threads (`Assessor.jobs`) is exactly the one-thread assessment:
/// same tools, verdicts, signals and findings in the same order.
struct AssessJobsTests {
    @Test func chunkedMapKeepsIndexOrderForEveryRunSize() {
        for count in [0, 1, 2, 7, 64, 1_000] {
            for size in [1, 3, 16, 2_000] {
                for jobs in [1, 2, 8] {
                    let got = Chunked.map(count, jobs: jobs, size: size) { run in run.map { $0 * 3 } }
                    #expect(got == (0..<count).map { $0 * 3 }, "count \(count), size \(size), jobs \(jobs)")
                }
            }
        }
    }

    @Test func chunkedMapGivesEachRunItsOwnState() {
        // Each run counts its own items from zero: a run shared between threads would count past its size.
        let got = Chunked.map(100, jobs: 4, size: 10) { run in
            var seen = 0
            return run.map { _ in seen += 1; return seen }
        }
        #expect(got == (0..<100).map { $0 % 10 + 1 })
    }

    @Test func runSizeGivesEachJobSeveralRuns() {
        #expect(Chunked.runSize(119, jobs: 2) == 14)
        #expect(Chunked.runSize(3, jobs: 8) == 1)
        #expect(Chunked.runSize(1_000, jobs: 1) == 250)
    }

    @Test(.enabled(if: EvalSnapshots.available, EvalSnapshots.missing))
    func realServersAssessTheSameOnFourThreads() {
        // Every tenth real server (about 80, 1,700 tools), each on its own and within one run.
        let servers = EvalSnapshots.servers.enumerated().filter { $0.offset % 10 == 0 }.map(\.element.definitions)
        var parallel = Assessor()
        parallel.jobs = 4
        let one = Assessor()
        for server in servers {
            #expect(parallel.assess(server) == one.assess(server), "\(server.name)")
        }
        #expect(parallel.assess(servers: servers) == one.assess(servers: servers))
    }

    @Test func poisonedDefinitionsAssessTheSameOnFourThreads() throws {
        // Every fifteenth case of the threat corpus with the servers it is scanned beside: findings of every
        // threat rule, hidden payloads and cross-server checks, in the same order.
        var parallel = Assessor()
        parallel.jobs = 4
        let one = Assessor()
        var compared = 0, withFindings = 0
        for c in ThreatCorpus.cases.enumerated().filter({ $0.offset % 15 == 0 }).map(\.element) {
            let servers = [ReviewedServer(c.server, name: "scanned")] + c.others.enumerated().map { ReviewedServer($1, name: "other-\($0)") }
            let expected = one.assess(servers: servers)
            #expect(parallel.assess(servers: servers) == expected, "\(c.id)")
            compared += 1
            if !expected[0].findings.isEmpty { withFindings += 1 }
        }
        #expect(compared > 200)
        #expect(withFindings > 100)
    }
}
