import Catalogue
import Foundation
import Policy
import Reports
import Risk
import Scanner

/// `mcprisk catalogue report`: every server's report and policy, and the statistics, from stored
/// snapshots. Servers are read, assessed, rendered and written `jobs` at a time, each on its own
/// (catalogue servers are graded independently), and dropped; only the statistics' counts stay.
enum CatalogueReportRun {
    static func run(store: CatalogueStore, reports: URL, shown: String, policyFormat: PolicyFormat, jobs: Int,
                    review: ReportReview = ReportReview(), context: CommandContext) async throws -> Int32 {
        let manifest = try store.readManifest()
        var statistics = CatalogueStatistics(manifest: manifest)
        let folder = reports.appendingPathComponent("servers")
        let entries = manifest.servers
        var rendered = 0
        try await InOrder.run(count: entries.count, concurrency: jobs, window: 2 * jobs) { i -> Result<(ServerRecord, ServerAssessment?), any Error> in
            Result { try render(entries[i], store: store, folder: folder, policyFormat: policyFormat, review: review) }
        } deliver: { i, result in
            let (record, assessment) = try result.get()
            statistics.count(id: entries[i].id, record: record, assessment: assessment)
            if assessment != nil { rendered += 1 }
        }
        let written = try CatalogueReportWriter.write(statistics, to: reports)
        context.out("rendered \(rendered) server report\(rendered == 1 ? "" : "s") and policies into \(shown)/servers; statistics: "
                    + written.map { "\(shown)/\($0.lastPathComponent)" }.joined(separator: ", ") + "\n")
        return 0
    }

    /// Reads one server's record and, when it has a snapshot, writes its Markdown and JSON reports and
    /// its policy; returns the record and the assessment for the statistics.
    private static func render(_ entry: ManifestEntry, store: CatalogueStore, folder: URL, policyFormat: PolicyFormat,
                               review: ReportReview) throws -> (ServerRecord, ServerAssessment?) {
        let record = try store.readRecord(id: entry.id)
        guard let stored = record.snapshot else { return (record, nil) }
        let planned = PlannedTarget(label: entry.id, target: .success(CatalogueTargets.displayTarget(entry)))
        let scanned = ScannedServer(planned: planned, snapshot: stored.serverSnapshot(target: entry.targetDescription))
        let report = review.apply(to: ScanPipeline.report([scanned], failOn: nil, policyFormat: policyFormat))
        let base = folder.appendingPathComponent(entry.id).path
        try FileOutput.write(ReportFormat.markdown.render(report, rules: [], color: false), to: base + ".md")
        try FileOutput.write(ReportFormat.json.render(report, rules: [], color: false), to: base + ".json")
        if let policy = report.servers.first?.policy {
            try FileOutput.write(policy.text, to: base + (policyFormat == .intercept ? ".intercept.yaml" : ".policylayer.json"))
        }
        return (record, report.servers.first?.assessment)
    }
}
