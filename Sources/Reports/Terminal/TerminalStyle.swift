import Risk

/// ANSI SGR styling, applied only when colour is on; never applied to unescaped server text.
struct TerminalStyle {
    /// Whether to emit SGR sequences at all.
    var color: Bool

    func apply(_ codes: String, _ text: String) -> String { color ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { apply("1", text) }
    func dim(_ text: String) -> String { apply("2", text) }

    /// Colour for a severity: critical bold red, high red, medium yellow, low green.
    func severity(_ severity: Severity, _ text: String) -> String {
        color ? apply(Self.code(severity), text) : text
    }

    /// The SGR code of a severity.
    static func code(_ severity: Severity) -> String {
        switch severity {
        case .critical: "1;31"
        case .high: "31"
        case .medium: "33"
        case .low: "32"
        }
    }

    /// Colour for a server status: complete green, partial yellow, failed bold red.
    func status(_ status: ServerReport.Status, _ text: String) -> String {
        switch status {
        case .complete: apply("32", text)
        case .partial: apply("1;33", text)
        case .failed: apply("1;31", text)
        }
    }
}
