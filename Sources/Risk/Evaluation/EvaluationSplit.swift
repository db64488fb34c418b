import JSON

/// Which part of the labelled set a server belongs to: the part the classifier is tuned on, the locked
/// part that is only ever reported, or a part that was locked once and has been tuned on since. The split
/// is by server, never by tool, and follows a fixed rule over the crawls that built the set:
/// - the servers the classifier was tuned on before any split existed are train;
/// - of the second crawl, a server whose id's SHA-256 (first eight bytes, big-endian, modulo 100) is
///   below 40 was the locked test part until its misses were read and tuned on: it is retired; the rest
///   are train;
/// - the third to ninth crawls were each the locked test part until their misses were read and
///   tuned on: they are retired too;
/// - every server of the crawl made after that (the tenth) is test: locked.
public enum EvaluationPart: String, Sendable, Hashable, CaseIterable {
    /// Tuned on.
    case train
    /// Once locked; its misses were read and tuned on, so its figure is a training figure now. Reported
    /// apart, so the gap it showed while it was locked stays on record.
    case retired
    /// Locked: reported, never tuned on.
    case test

    /// How many in a hundred servers (by hash) of the second crawl went to the (now retired) test part.
    public static let testShare: UInt64 = 40

    /// The part the rule puts `server` in, given the servers tuned on before any split, those of a later
    /// crawl that was locked and has been retired since, and those of the crawl locked now.
    public static func byRule(_ server: String, tunedBefore: Set<String>, retiredLater: Set<String> = [], lockedLater: Set<String> = []) -> EvaluationPart {
        if lockedLater.contains(server) { return .test }
        if retiredLater.contains(server) { return .retired }
        if tunedBefore.contains(server) { return .train }
        let digest = SHA256.digest(Array(server.utf8))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return prefix % 100 < testShare ? .retired : .train
    }

    /// Reads a split file (TSV: `server`, `part`, `note`; a header row; `#` comments) into server → part.
    public static func parse(_ text: String) throws(RiskError) -> [String: EvaluationPart] {
        var out: [String: EvaluationPart] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if i == 0 || line.trimmingWhitespace.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let part = EvaluationPart(rawValue: fields[1].trimmingWhitespace) else {
                throw .badLabel(line: i + 1, reason: "expected server and part (train, retired or test) separated by a tab")
            }
            guard out[fields[0]] == nil else { throw .badLabel(line: i + 1, reason: "server \(fields[0]) is listed twice") }
            out[fields[0]] = part
        }
        return out
    }
}
