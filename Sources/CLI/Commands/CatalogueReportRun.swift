import Catalogue
import Foundation
import Policy
import Reports
import Risk
import Scanner

/// `mcprisk catalogue report`: every server's report and policy, and the statistics, from stored snapshots.
enum CatalogueReportRun {
    static func run(store: CatalogueStore, reports: URL, shown: String, policyFormat: PolicyFormat, review: ReportReview = ReportReview(),
                    context: CommandContext) throws -> Int32 {
        let manifest = try store.readManifest()
        var statistics = CatalogueStatistics(manifest: manifest)
        let folder = reports.appendingPathComponent("servers")
        var rendered = 0
        for (entry, record) in try store.storedServers(of: manifest) {
            guard let stored = record.snapshot else {
                statistics.count(id: entry.id, record: record, assessment: nil)
                continue
            }
            let planned = PlannedTarget(label: entry.id, target: .success(CatalogueTargets.displayTarget(entry)))
            let scanned = ScannedServer(planned: planned, snapshot: stored.serverSnapshot(target: entry.targetDescription))
            let report = review.apply(to: ScanPipeline.report([scanned], failOn: nil, policyFormat: policyFormat))
            if let server = report.servers.first { statistics.count(id: entry.id, record: record, assessment: server.assessment) }
            let base = folder.appendingPathComponent(entry.id).path
            try FileOutput.write(ReportFormat.markdown.render(report, rules: [], color: false), to: base + ".md")
            try FileOutput.write(ReportFormat.json.render(report, rules: [], color: false), to: base + ".json")
            if let policy = report.servers.first?.policy {
                try FileOutput.write(policy.text, to: base + (policyFormat == .intercept ? ".intercept.yaml" : ".policylayer.json"))
            }
            rendered += 1
        }
        let written = try CatalogueReportWriter.write(statistics, to: reports)
        context.out("rendered \(rendered) server report\(rendered == 1 ? "" : "s") and policies into \(shown)/servers; statistics: "
                    + written.map { "\(shown)/\($0.lastPathComponent)" }.joined(separator: ", ") + "\n")
        return 0
    }
}
