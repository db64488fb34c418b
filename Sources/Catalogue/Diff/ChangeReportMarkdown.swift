import Risk

extension ChangeReport {
    /// The report as Markdown (`reports/catalogue-changes.md`); server text is escaped.
    public var markdown: String {
        let toolChanges = changes.reduce(0) { $0 + $1.diff.added.count + $1.diff.removed.count + $1.diff.renamed.count + $1.diff.changed.count }
        var md = "# Catalogue changes\n\nGenerated \(generatedAt). "
        md += "\(statistics.servers) servers in the manifest, \(statistics.serversWithSnapshot) with a snapshot, \(failing.count) failing. "
        md += "\(serversAdded.count) added, \(serversRemoved.count) removed, \(toolChanges) tool change\(toolChanges == 1 ? "" : "s")"
        md += possibleRugPulls > 0 ? ", **\(possibleRugPulls) possible rug pull\(possibleRugPulls == 1 ? "" : "s")**.\n" : ".\n"
        if serversAdded.isEmpty && serversRemoved.isEmpty && failing.isEmpty && recovered.isEmpty && changes.isEmpty {
            md += "\nNo changes.\n"
        }
        if !serversAdded.isEmpty {
            md += "\n## Servers added\n\n"
            for s in serversAdded { md += "- `\(s.id)` \(MarkdownText.escape(s.name, limit: 80)): \(s.tools.map { "\($0) tool\($0 == 1 ? "" : "s")" } ?? "no snapshot yet")\n" }
        }
        if !serversRemoved.isEmpty {
            md += "\n## Servers removed\n\n"
            for id in serversRemoved { md += "- `\(id)`\n" }
        }
        if !failing.isEmpty {
            md += "\n## Failing servers\n\nEach keeps its last good snapshot.\n\n| Server | Kind | Since | Failures in a row | Snapshot kept | Message |\n|---|---|---|---:|---|---|\n"
            for f in failing {
                md += "| `\(f.id)` | \(MarkdownText.escape(f.failure.kind, limit: 40)) | \(f.failure.since) | \(f.failure.consecutiveFailures) | "
                md += "\(f.hasSnapshot ? "yes" : "none yet") | \(MarkdownText.escape(f.failure.message, limit: 200)) |\n"
            }
        }
        if !recovered.isEmpty {
            md += "\n## Recovered\n\n"
            for id in recovered { md += "- `\(id)`\n" }
        }
        if !changes.isEmpty { md += "\n## Tool changes\n" }
        for server in changes { md += Self.markdown(server) }
        return md
    }

    private static func verdict(_ r: ToolRef) -> String {
        [r.category?.rawValue, r.severity?.rawValue].compactMap { $0 }.joined(separator: ", ")
    }

    private static func code(_ s: String) -> String { "**" + MarkdownText.escape(s, limit: 120) + "**" }

    private static func markdown(_ server: ServerChanges) -> String {
        let d = server.diff
        var md = "\n### `\(server.id)` \(MarkdownText.escape(server.name, limit: 80))\n\n"
        if let a = d.serverVersionBefore ?? d.serverVersionAfter.map({ _ in "none" }) {
            md += "- Server version \(MarkdownText.escape(a, limit: 40)) → \(MarkdownText.escape(d.serverVersionAfter ?? "none", limit: 40))\n"
        }
        if d.instructionsChanged { md += "- Server instructions changed\n" }
        for t in d.added { md += "- Added \(code(t.name)) (\(verdict(t)))\n" }
        for t in d.removed { md += "- Removed \(code(t.name)) (\(verdict(t)))\n" }
        for r in d.renamed { md += "- Renamed \(code(r.from)) → \(code(r.to)) (same definition)\n" }
        for c in d.changed {
            var parts: [String] = []
            if c.possibleRugPull { parts.append("⚠ **possible rug pull** (" + c.rugPullReasons.joined(separator: "; ") + ")") }
            if c.before.category != c.after.category, let a = c.before.category, let b = c.after.category {
                parts.append("category \(a.rawValue) → \(b.rawValue) (\(c.categoryRose ? "rose" : "fell"))")
            }
            if c.before.severity != c.after.severity, let a = c.before.severity, let b = c.after.severity {
                parts.append("severity \(a.rawValue) → \(b.rawValue) (\(c.severityRose ? "rose" : "fell"))")
            }
            parts += c.changes.map { MarkdownText.escape($0.summary, limit: 400) }
            md += "- Changed \(code(c.name)): " + parts.joined(separator: "; ") + "\n"
            for g in c.gainedFindings { md += "  - new finding: \(MarkdownText.escape(g.summary, limit: 400))\n" }
            if let acceptance = c.acceptance { md += "  - \(MarkdownText.escape(acceptance, limit: 400))\n" }
        }
        return md
    }
}
