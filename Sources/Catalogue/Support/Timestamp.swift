import Foundation

/// A moment in whole seconds, written as ISO-8601 UTC (`2026-01-31T02:00:00Z`) in every catalogue file.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    /// The moment `date`, truncated to whole seconds so files do not churn on fractions.
    public init(_ date: Date) { secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// The moment from seconds since 1970.
    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`.
    public init?(iso8601 text: String) {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        guard text.hasSuffix("Z"), text.utf8.count == 20, let date = f.date(from: text) else { return nil }
        self.init(date)
    }

    /// The Foundation date.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
}
