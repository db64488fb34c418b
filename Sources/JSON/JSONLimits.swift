/// Bounds the parser enforces, so one hostile document cannot exhaust memory or the stack.
public struct JSONLimits: Sendable, Hashable {
    /// The largest document accepted, in bytes.
    public var maxBytes: Int
    /// Containers nested deeper than this are skipped (not parsed) and marked `.skipped`.
    public var maxDepth: Int
    /// The most issues recorded per document; further ones are only counted (`JSONDocument.droppedIssues`).
    public var maxIssues: Int

    /// Limits from explicit values.
    public init(maxBytes: Int = 64 << 20, maxDepth: Int = 64, maxIssues: Int = 1_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxIssues = maxIssues
    }

    /// The defaults: 64 MiB, depth 64, 1,000 issues.
    public static let standard = JSONLimits()
}
