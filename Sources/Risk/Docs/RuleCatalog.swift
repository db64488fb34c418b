/// The plain-text rule listing printed by `mcprisk rules`.
public enum RuleCatalog {
    /// Every built-in rule, one line each: id, family, kind, severity, summary.
    public static var listing: String { listing(of: BuiltinRules.all) }

    /// `rules`, one line each, in columns: id, family, kind, severity, summary.
    public static func listing(of rules: [any Rule]) -> String {
        let rows = rules.map(\.description).map { [$0.id, $0.family, $0.kind.rawValue, $0.severity.rawValue, $0.summary] }
        let header = ["ID", "FAMILY", "KIND", "SEVERITY", "SUMMARY"]
        var widths = header.map(\.count)
        for row in rows { for i in 0..<4 { widths[i] = max(widths[i], row[i].count) } }
        func line(_ cells: [String]) -> String {
            (0..<4).map { cells[$0] + String(repeating: " ", count: widths[$0] - cells[$0].count + 2) }.joined() + oneLine(cells[4])
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
