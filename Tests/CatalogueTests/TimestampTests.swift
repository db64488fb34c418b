import Foundation
import Testing
@testable import Catalogue

/// Timestamps agree with Foundation's ISO-8601 formatter and reject what is not a UTC second.
@Suite struct TimestampTests {
    @Test func agreesWithFoundationAcrossCenturiesAndLeapDays() {
        let formatter = ISO8601DateFormatter()
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let t = Timestamp(secondsSince1970: seconds)
            let expected = formatter.string(from: t.date)
            #expect(t.description == expected)
            #expect(Timestamp(iso8601: expected) == t)
            seconds += Int64.random(in: 1...5_000_000, using: &rng)
        }
        #expect(Timestamp(iso8601: "2024-02-29T23:59:59Z")?.description == "2024-02-29T23:59:59Z")
        #expect(Timestamp(secondsSince1970: 0).description == "1970-01-01T00:00:00Z")
    }

    @Test(arguments: ["2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01 00:00:00Z",
                      "2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00.5Z", "yesterday", "", "2026-1-01T00:00:00Z", "２026-01-01T00:00:00Z"])
    func rejects(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }
}
