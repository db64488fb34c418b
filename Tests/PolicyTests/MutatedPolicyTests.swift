import Policy
import Testing
import TestSupport

/// Damaged policy texts (bytes deleted, duplicated, replaced by YAML's and JSON's structural
/// characters) are reported as problems, never a crash or a hang.
struct MutatedPolicyTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct LCG { var state: UInt64; mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    } }

    static let pieces: [[UInt8]] = [":", " ", "\n", "-", "[", "]", "{", "}", "\"", "'", "#", "\\", "|", ">", "&", "*", "\t", ",", "\u{202E}"].map { Array($0.utf8) }

    static func mutate(_ text: String, _ rng: inout LCG) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + rng.next(4)) where !bytes.isEmpty {
            let at = rng.next(bytes.count)
            switch rng.next(3) {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(contentsOf: pieces[rng.next(pieces.count)], at: at)
            default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + rng.next(40))], at: at)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: ["dbadmin.recommended", "payments.recommended", "hostile.strict"])
    func damagedTextsAreReportedNotFatal(golden: String) throws {
        let yaml = try RepoPaths.text("Tests/PolicyTests/Golden/\(golden).yaml")
        let json = try RepoPaths.text("Tests/PolicyTests/Golden/\(golden).json")
        var rng = LCG(state: 42)
        var yamlRefused = 0, jsonRefused = 0
        for _ in 0..<300 {
            if !InterceptValidator.validate(yaml: Self.mutate(yaml, &rng)).isEmpty { yamlRefused += 1 }
            if !PolicyLayerValidator.validate(json: Self.mutate(json, &rng)).isEmpty { jsonRefused += 1 }
        }
        // Most damage is noticed; some (inside a message) is harmless and rightly accepted.
        #expect(yamlRefused > 100 && jsonRefused > 100, "yaml \(yamlRefused), json \(jsonRefused)")
    }
}
