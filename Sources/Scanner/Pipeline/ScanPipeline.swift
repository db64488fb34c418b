import JSON
import MCPClient
import Policy
import Reports
import Risk

/// One scanned server: what was planned and what was read.
public struct ScannedServer: Sendable {
    /// The plan.
    public var planned: PlannedTarget
    /// What the server offered and how the crawl went.
    public var snapshot: ServerSnapshot

    /// A scanned server from its parts (e.g. a catalogue's stored snapshot, rendered without crawling).
    public init(planned: PlannedTarget, snapshot: ServerSnapshot) { self.planned = planned; self.snapshot = snapshot }
}

/// The front door (DESIGN.md §1): targets → snapshots → assessments → report and policy.
public struct ScanPipeline: Sendable {
    /// The options in force.
    public var options: ScanOptions

    /// A pipeline with options.
    public init(options: ScanOptions) { self.options = options }

    /// Fetches every target, `options.jobs` at a time, in the given order; `progress` is told after each.
    public func fetch(_ targets: [PlannedTarget], progress: @Sendable (Int, Int, String) -> Void = { _, _, _ in }) async -> [ScannedServer] {
        let fetcher = SnapshotFetcher(options: options)
        var results = [ScannedServer?](repeating: nil, count: targets.count)
        await withTaskGroup(of: (Int, ServerSnapshot).self) { group in
            var next = 0
            var done = 0
            func launch(_ group: inout TaskGroup<(Int, ServerSnapshot)>) {
                guard next < targets.count else { return }
                let i = next
                next += 1
                group.addTask { (i, await fetcher.fetch(targets[i])) }
            }
            for _ in 0..<min(options.jobs, targets.count) { launch(&group) }
            while let (i, snapshot) = await group.next() {
                results[i] = ScannedServer(planned: targets[i], snapshot: snapshot)
                done += 1
                progress(done, targets.count, targets[i].label)
                launch(&group)
            }
        }
        return results.map { $0! }
    }

    /// The server as the rules see it: its definitions, named by `serverInfo.name`, else `label`.
    public static func reviewed(_ snapshot: ServerSnapshot, label: String) -> ReviewedServer {
        ReviewedServer(snapshot.definitions, name: label)
    }

    /// Assesses every server together (so names colliding across servers are found) and builds the report.
    public static func report(_ scanned: [ScannedServer], failOn: Severity?, policyFormat: PolicyFormat,
                              policyProfile: PolicyProfile = .recommended) -> Report {
        let servers = scanned.map { ScanPipeline.reviewed($0.snapshot, label: $0.planned.label) }
        let assessments = Assessor().assess(servers: servers)
        let reports = zip(scanned, zip(servers, assessments)).map { server, pair in
            serverReport(server, reviewed: pair.0, assessment: pair.1, policyFormat: policyFormat, policyProfile: policyProfile)
        }
        return Report(generator: .init(version: MCPRisk.version), servers: reports, failOn: failOn)
    }

    static func serverReport(_ scanned: ScannedServer, reviewed: ReviewedServer, assessment: ServerAssessment,
                             policyFormat: PolicyFormat, policyProfile: PolicyProfile) -> ServerReport {
        let s = scanned.snapshot
        let status: ServerReport.Status =
            switch s.completeness {
            case .complete: .complete
            case .partial: .partial
            case .failed: .failed
            }
        var policy: RenderedPolicy?
        if s.completeness != .failed {
            let document = PolicyBuilder(profile: policyProfile).build(assessment: assessment, server: reviewed)
            policy = RenderedPolicy(format: policyFormat.rawValue, text: policyFormat.render(document))
        }
        return ServerReport(
            target: scanned.planned.display, name: s.definitions.serverName ?? (scanned.planned.source != nil ? scanned.planned.label : nil),
            version: s.definitions.serverVersion, protocolVersion: s.definitions.protocolVersion, status: status,
            failure: s.error.map { .init(kind: $0.kind, message: $0.description) }, instructions: s.definitions.instructions,
            assessment: assessment, promptCount: s.definitions.prompts.count, resourceCount: s.definitions.resources.count,
            resourceTemplateCount: s.definitions.resourceTemplates.count, anomalies: s.anomalies.map { "\($0.kind): \($0.message)" },
            source: scanned.planned.source, policy: policy)
    }
}
