import Testing
@testable import Catalogue

/// `Fingerprint.collapse` matches white space on UTF-8 bytes; fingerprints in accept files depend on it
/// giving exactly what Unicode's White_Space property gives.
struct FingerprintCollapseTests {
    /// The definition the byte matcher must agree with: every run of White_Space scalars made one space.
    static func collapsedByScalars(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for u in s.unicodeScalars {
            if u.properties.isWhitespace { pending = !out.isEmpty; continue }
            if pending { out.append(" ") }
            pending = false
            out.append(u)
        }
        return String(out)
    }

    @Test func everyWhiteSpaceScalarCollapsesAndNoOtherDoes() {
        // Every scalar of the Basic Multilingual Plane and a sample above it, between two letters.
        for v in Array(0x0...0xD7FF) + Array(0xE000...0xFFFF) + [0x1F600, 0xE0041, 0x10FFFD] {
            let u = Unicode.Scalar(UInt32(v))!
            let s = "a" + String(Character(u)) + "b"
            #expect(Fingerprint.collapse(s) == Self.collapsedByScalars(s), "U+\(String(v, radix: 16))")
        }
    }

    @Test func runsAndEndsAreTrimmed() {
        #expect(Fingerprint.collapse(" \t a \u{00A0}\u{3000} b\u{2029}\n") == "a b")
        #expect(Fingerprint.collapse("") == "")
        #expect(Fingerprint.collapse("\u{2028}\u{2028}") == "")
        #expect(Fingerprint.collapse("x\u{FFFD}\u{FFFD} y") == "x\u{FFFD}\u{FFFD} y")
    }
}
