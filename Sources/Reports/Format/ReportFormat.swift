import Risk

/// The report formats `--format` accepts, with one dispatch to their renderers.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case terminal, json, markdown, sarif, html

    /// Parses a format name case-insensitively (`JSON`, `Sarif`).
    public init?(caseInsensitive text: String) { self.init(rawValue: text.lowercased()) }

    /// The usual file extension for `--output`.
    public var fileExtension: String {
        switch self {
        case .terminal: "txt"
        case .json: "json"
        case .markdown: "md"
        case .sarif: "sarif"
        case .html: "html"
        }
    }

    /// The renderer of this format. `rules` feeds SARIF's `tool.driver.rules`; `color` and `width`
    /// only affect the terminal format.
    public func renderer(rules: [RuleDescription], color: Bool, width: Int? = nil) -> any StreamingRenderer {
        switch self {
        case .terminal: TerminalRenderer(color: color, width: width)
        case .json: JSONReportRenderer()
        case .markdown: MarkdownRenderer()
        case .sarif: SARIFRenderer(rules: rules)
        case .html: HTMLRenderer()
        }
    }

    /// The report rendered in this format (the same bytes as writing it one server at a time).
    public func render(_ report: Report, rules: [RuleDescription], color: Bool, width: Int? = nil) -> String {
        renderer(rules: rules, color: color, width: width).renderInMemory(report)
    }
}
