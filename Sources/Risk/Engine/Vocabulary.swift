/// What a tool can do, in PolicyLayer's five categories, ordered from least to most dangerous.
public enum Category: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case read, write, execute, destructive, financial

    /// Danger rank used to pick the most dangerous of several (actions, evidence).
    public var rank: Int { Category.allCases.firstIndex(of: self)! }
    /// The severity a tool of this category starts from (docs/report-format.md, "Vocabulary").
    public var baseSeverity: Severity {
        switch self {
        case .read: .low
        case .write: .medium
        case .execute: .high
        case .destructive, .financial: .critical
        }
    }
    public static func < (a: Category, b: Category) -> Bool { a.rank < b.rank }
}

/// How bad something is: low, medium, high, critical.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case low, medium, high, critical

    /// Parses a severity case-insensitively (`HIGH`, `High`, `high`).
    public init?(caseInsensitive text: String) { self.init(rawValue: text.lowercased()) }
    /// Position in the order low < medium < high < critical.
    public var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// How sure a conclusion is: low, medium, high.
public enum Confidence: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case low, medium, high

    /// Position in the order low < medium < high.
    public var rank: Int { Confidence.allCases.firstIndex(of: self)! }
    public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
}
