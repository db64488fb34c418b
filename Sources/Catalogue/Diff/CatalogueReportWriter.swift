import Foundation
import JSON

/// Writes the catalogue's reports into a reports folder, atomically and canonically:
/// `catalogue-changes.{md,json}` and `catalogue-stats.{md,json}`.
public enum CatalogueReportWriter {
    /// The file names written.
    public static let changesMarkdown = "catalogue-changes.md", changesJSON = "catalogue-changes.json"
    /// The statistics file names.
    public static let statsMarkdown = "catalogue-stats.md", statsJSON = "catalogue-stats.json"

    /// Writes the change report and its statistics; returns the paths written.
    @discardableResult
    public static func write(_ report: ChangeReport, to directory: URL) throws(CatalogueError) -> [URL] {
        try write(markdown: report.markdown, json: report.json, names: (changesMarkdown, changesJSON), to: directory)
            + write(report.statistics, to: directory)
    }

    /// Writes the statistics alone (what `catalogue report` refreshes without crawling).
    @discardableResult
    public static func write(_ statistics: CatalogueStatistics, to directory: URL) throws(CatalogueError) -> [URL] {
        try write(markdown: statistics.markdown, json: statistics.json, names: (statsMarkdown, statsJSON), to: directory)
    }

    private static func write(markdown: String, json: JSONValue, names: (String, String), to directory: URL) throws(CatalogueError) -> [URL] {
        let md = directory.appendingPathComponent(names.0), js = directory.appendingPathComponent(names.1)
        try AtomicFile.write(Array(markdown.utf8), to: md) { _ throws(CatalogueError) in }
        try AtomicFile.write(CatalogueStore.fileBytes(json), to: js) { bytes throws(CatalogueError) in
            do { _ = try JSONParser().parse(bytes) } catch { throw .invalidJSON(path: js.path, detail: String(describing: error)) }
        }
        return [md, js]
    }
}
