#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learned reading of threats: a logistic regression over the features of each passage of a text field
/// (`ThreatFeatures`), trained by `Tests/Fixtures/threats/train-reading.py` on the threat corpus's train and
/// retired parts and on the evaluation set's real servers (never a locked part), its weights generated as
/// Swift data (`ThreatWeights.swift`).
///
/// The hand-written rules read what a text asks for in phrases they know; this reads how the passages of
/// poisoned definitions are worded as a whole, so it hears a request put in words no lexicon lists. Its
/// threshold was chosen out of fold to flag at most 2% of the corpus's honest cases and 0.05% of real tools.
struct ThreatReading: Sendable {
    /// One feature the model knows: its weight and where its readable name is in `names`.
    private struct Entry: Sendable {
        let weight: Double
        let name: Range<Int>
    }
    private let entries: [UInt64: Entry]
    /// The table's keys and names, one after another (UTF-8); each entry's name is a range of it.
    private let names: [UInt8]
    /// The score of a passage with no known feature.
    let bias: Double
    /// The least score (log-odds) a passage needs to be reported.
    let threshold: Double

    /// A reading from a weight table: one line per feature, its hexadecimal key, its weight and its name,
    /// tab-separated. Read once per process from the text's bytes (`WeightRows`).
    init(table: String, bias: Double, threshold: Double) {
        let rows = WeightRows(table, width: 1, notes: 1)
        var entries: [UInt64: Entry] = [:]
        entries.reserveCapacity(rows.count)
        for row in 0..<rows.count {
            guard let key = rows.hexKey(row) else { continue }
            entries[key] = Entry(weight: rows.weight(row, 0), name: rows.note(row, 0))
        }
        self.entries = entries
        self.names = rows.bytes
        self.bias = bias
        self.threshold = threshold
    }

    /// The passage of a field the model scores highest, when it reaches the threshold.
    struct Verdict: Sendable {
        /// The passage.
        let passage: ThreatFeatures.Passage
        /// The probability the model gives it.
        let probability: Double
        /// The readable names of the features that raised its score most, heaviest first.
        let strongest: [String]
    }

    /// The number of features it knows.
    var count: Int { entries.count }

    /// The score (log-odds) of a passage with features `keys`; a feature counts once however often it occurs.
    func score(_ keys: [UInt64]) -> Double {
        var seen = Set<UInt64>()
        return score(keys, seen: &seen)
    }

    /// `score(_:)` with a set the caller reuses from passage to passage.
    private func score(_ keys: [UInt64], seen: inout Set<UInt64>) -> Double {
        seen.removeAll(keepingCapacity: true)
        var z = bias
        for k in keys {
            guard let w = entries[k]?.weight else { continue }
            if seen.insert(k).inserted { z += w }
        }
        return z
    }

    /// The field's best passage, when it reaches the threshold.
    func read(_ reading: FieldReading) -> Verdict? {
        var best: (passage: ThreatFeatures.Passage, score: Double, keys: [UInt64])?
        var seen = Set<UInt64>(minimumCapacity: 128)
        ThreatFeatures.walk(reading) { passage, keys, _ in
            let z = score(keys, seen: &seen)
            if z >= threshold, z > best?.score ?? -.infinity { best = (passage, z, keys) }
        }
        guard let best else { return nil }
        return Verdict(passage: best.passage, probability: 1 / (1 + exp(-best.score)), strongest: strongest(best.keys))
    }

    /// The names of up to `limit` distinct features of `keys` with the largest positive weights.
    private func strongest(_ keys: [UInt64], limit: Int = 4) -> [String] {
        var known: [Entry] = []
        var seen = Set<UInt64>()
        for k in keys where seen.insert(k).inserted {
            if let e = entries[k], e.weight > 0 { known.append(e) }
        }
        return known.sorted { $0.weight > $1.weight }.prefix(limit).map { String(decoding: names[$0.name], as: UTF8.self) }
    }
}
