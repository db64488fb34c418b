/// Turns weighted evidence into one category and a confidence.
///
/// Each category scores its strongest piece of evidence plus a small bonus for further agreeing
/// evidence, so that many weak hints never outvote one clear statement. The same verb read twice (in the
/// name and again opening the description) is one statement, not two: only the stronger reading counts,
/// so "Delete the user" under `delete_user` cannot outvote an input that takes code. Ties go to the more
/// dangerous category. No evidence at all gives `write` with low confidence: assuming `read` would hide risk.
public struct CategoryDecision: Sendable, Hashable {
    /// The category chosen.
    public var category: Category
    /// How sure.
    public var confidence: Confidence
    /// Score per category (for explanations and tests).
    public var scores: [Category: Int]

    /// The category used when nothing speaks for any.
    public static let fallback: Category = .write
    /// The most agreement can add to a category's strongest evidence.
    static let maxBonus = 15
    /// Rules that read the same verb in different places (the name, the description's opening): one statement.
    static let verbRules: Set<String> = ["name-verb", "description-verb"]

    /// Decides from evidence; `hasDescription` lowers confidence when the tool says nothing about itself.
    public init(_ evidence: [Evidence], hasDescription: Bool) {
        var byCategory: [Category: [Int]] = [:]
        var sources: [Category: Set<String>] = [:]
        var verbReading: [Category: Int] = [:]
        for e in evidence where e.weight > 0 {
            sources[e.category, default: []].insert(CategoryDecision.source(of: e))
            if CategoryDecision.verbRules.contains(e.ruleId) {
                verbReading[e.category] = max(verbReading[e.category] ?? 0, e.weight)
            } else {
                byCategory[e.category, default: []].append(e.weight)
            }
        }
        for (category, weight) in verbReading { byCategory[category, default: []].append(weight) }
        var scores: [Category: Int] = [:]
        for (category, weights) in byCategory {
            let sorted = weights.sorted(by: >)
            let rest = sorted.dropFirst().reduce(0, +)
            scores[category] = sorted[0] + min(CategoryDecision.maxBonus, rest * 3 / 10)
        }
        self.scores = scores
        guard let best = scores.max(by: { ($0.value, $0.key.rank) < ($1.value, $1.key.rank) }) else {
            category = CategoryDecision.fallback
            confidence = .low
            return
        }
        category = best.key
        let top = best.value
        let runnerUp = scores.filter { $0.key != best.key }.map(\.value).max() ?? 0
        let agreeing = sources[best.key]?.count ?? 0
        if top < 35 || top - runnerUp < 8 || (!hasDescription && agreeing < 2) {
            confidence = .low
        } else if top >= 55 && runnerUp * 2 <= top && agreeing >= 2 {
            confidence = .high
        } else {
            confidence = .medium
        }
    }

    /// Which part of the tool a piece of evidence comes from: name, description, schema or annotations.
    static func source(of e: Evidence) -> String {
        let t = e.pointer.tokens
        return t.count > 2 ? t[2] : "server"
    }
}
