import TextOutput

/// The one-line progress shown while servers are scanned: pure text; the CLI prints it only on a TTY.
public struct ProgressLine: Sendable, Hashable {
    /// Servers finished.
    public var done: Int
    /// Servers in all.
    public var total: Int
    /// The server being scanned now, if any (untrusted text).
    public var current: String?
    /// The terminal width in columns.
    public var width: Int

    /// A progress line from its parts.
    public init(done: Int, total: Int, current: String?, width: Int) {
        self.done = done; self.total = total; self.current = current; self.width = width
    }

    /// `\r[2/5] scanning NAME…` cut to the width, then clear-to-end-of-line (`ESC [K`).
    public var text: String {
        var line = "[\(min(done, total))/\(total)]"
        if let current { line += " scanning " + TerminalEscaper.line(current, limit: 200) + "…" } else { line += " done" }
        return "\r" + TerminalEscaper.fit(line, width: max(1, width - 1)) + "\u{1B}[K"
    }

    /// The text that wipes the progress line before the report is printed.
    public static let clear = "\r\u{1B}[K"
}
