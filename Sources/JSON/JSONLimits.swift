/// Bounds the parser enforces, so one hostile document cannot exhaust memory or the stack.
public struct JSONLimits: Sendable, Hashable {
    /// The largest document accepted, in bytes.
    public var maxBytes: Int
    /// Containers nested deeper than this are skipped (not parsed) and marked `.skipped`.
    public var maxDepth: Int

    /// Limits from explicit values.
    public init(maxBytes: Int = 64 << 20, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// The defaults: 64 MiB, depth 64.
    public static let standard = JSONLimits()
}
