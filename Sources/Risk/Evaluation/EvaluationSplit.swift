import JSON

/// Which part of the labelled set a server belongs to: the part the classifier is tuned on, or the locked
/// part that is only ever reported. The split is by server, never by tool, and follows a fixed rule:
/// a server is in the test part when the first eight bytes of SHA-256 of its id, read as a big-endian
/// unsigned integer, modulo 100, are below 40 — unless it is one of the servers the classifier was tuned on
/// before the split existed (they are train, whatever their hash).
public enum EvaluationPart: String, Sendable, Hashable, CaseIterable {
    /// Tuned on.
    case train
    /// Locked: reported, never tuned on.
    case test

    /// How many in a hundred servers (by hash) go to the test part.
    public static let testShare: UInt64 = 40

    /// The part the rule puts `server` in, given the servers tuned on before the split.
    public static func byRule(_ server: String, tunedBefore: Set<String>) -> EvaluationPart {
        if tunedBefore.contains(server) { return .train }
        let digest = SHA256.digest(Array(server.utf8))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return prefix % 100 < testShare ? .test : .train
    }

    /// Reads a split file (TSV: `server`, `part`, `note`; a header row; `#` comments) into server → part.
    public static func parse(_ text: String) throws(RiskError) -> [String: EvaluationPart] {
        var out: [String: EvaluationPart] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if i == 0 || line.trimmingWhitespace.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let part = EvaluationPart(rawValue: fields[1].trimmingWhitespace) else {
                throw .badLabel(line: i + 1, reason: "expected server and part (train or test) separated by a tab")
            }
            guard out[fields[0]] == nil else { throw .badLabel(line: i + 1, reason: "server \(fields[0]) is listed twice") }
            out[fields[0]] = part
        }
        return out
    }
}
