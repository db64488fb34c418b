import JSON

/// Anomalies in order, bounded: past `limit` only a count is kept, so a server that floods
/// stdout with junk cannot grow the snapshot without end.
public struct AnomalyLog: Sendable {
    /// The anomalies kept.
    public private(set) var entries: [Anomaly] = []
    /// How many were dropped past the limit.
    public private(set) var dropped = 0
    /// The most kept.
    public let limit: Int

    /// An empty log keeping at most `limit` anomalies.
    public init(limit: Int = 200) { self.limit = limit }

    /// Records one anomaly.
    public mutating func add(_ anomaly: Anomaly) {
        if entries.count < limit { entries.append(anomaly) } else { dropped += 1 }
    }

    /// Records one anomaly from its parts.
    public mutating func add(kind: String, _ message: String) { add(Anomaly(kind: kind, message: message)) }

    /// Records a parser issue that has no place in the snapshot document.
    mutating func add(issue: JSONIssue, note: String) {
        add(kind: issue.kind.anomalyKind, "\(issue.description) \(note)")
    }

    /// The anomalies kept, plus one saying how many were dropped.
    public var all: [Anomaly] {
        dropped == 0 ? entries : entries + [Anomaly(kind: "anomalies-truncated", message: "\(dropped) more anomalies were not kept")]
    }
}

extension JSONIssue.Kind {
    /// The anomaly kind for an issue that is reported as an anomaly.
    var anomalyKind: String {
        switch self {
        case .duplicateKey: "duplicate-key"
        case .invalidUTF8: "invalid-utf8"
        case .skippedDeepSubtree: "skipped-deep-subtree"
        }
    }
}

extension JSONIssue {
    /// The same issue at another pointer (its place in the snapshot document rather than the message).
    func moved(to pointer: JSONPointer) -> JSONIssue {
        var copy = self
        copy.pointer = pointer
        return copy
    }
}
