import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A second opinion learned from labelled tools: a multinomial logistic regression over
/// `LearnedFeatures`, trained by `Tests/Fixtures/eval/train-learned.py` on the parts of the evaluation set
/// the classifier is tuned on (never the locked test part), its weights generated as Swift data
/// (`LearnedWeights.swift`).
///
/// It runs after the rules have decided and changes a tool's category only when it is sure of another
/// one (`confident`) and gives the rules' category little chance (`doubtful`); it never calls read or write what
/// the rules found dangerous (execute, destructive, financial), nor puts a tool below the most dangerous of its
/// actions. When it changes a category it says so as evidence, first in the
/// list, quoting the words that weighed most.
public struct LearnedReading: Sendable {
    /// The rule id its evidence carries.
    public static let id = "learned-reading"
    /// The categories in the order of each weight row.
    static let order: [Category] = [.read, .write, .execute, .destructive, .financial]

    /// Per feature, one weight per category in `order`, keyed by the feature's bytes.
    let weights: LearnedTable
    /// The least probability the model must give its own category.
    let confident: Double
    /// The most probability the model may give the rules' category.
    let doubtful: Double
    /// What it was trained on, for the evidence's reason (e.g. "6,661 labelled tools of 245 servers").
    let trainedOn: String

    /// A reading from a weight table: one line per feature, the feature then five weights, tab-separated.
    init(table: String, confident: Double, doubtful: Double, trainedOn: String) {
        // Read from the bytes into flat rows: the table is ten thousand lines, read at every start.
        self.weights = LearnedTable(WeightRows(table, width: 5))
        self.confident = confident
        self.doubtful = doubtful
        self.trainedOn = trainedOn
    }

    /// The probability of each category (in `order`) given a tool's features.
    func probabilities(_ features: [String: Double]) -> [Double] {
        var z = [Double](repeating: 0, count: 5)
        for (name, value) in features {
            guard let row = weights.row(of: name) else { continue }
            for c in 0..<5 { z[c] += weights.weight(row, c) * value }
        }
        let top = z.max() ?? 0
        let e = z.map { exp($0 - top) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    /// The verdict, changed when the model is sure the rules' category is wrong.
    func revise(_ verdict: ToolVerdict, tool: ToolContext) -> ToolVerdict {
        guard mayRevise(verdict, tool: tool) else { return verdict }
        let features = LearnedFeatures.of(name: tool.name, description: tool.description,
                                          parameterNames: LearnedFeatures.parameterNames(tool.json),
                                          category: verdict.category, evidence: verdict.evidence)
        let p = probabilities(features)
        let best = p.indices.max { p[$0] < p[$1] } ?? 0
        let category = Self.order[best], current = Self.order.firstIndex(of: verdict.category) ?? 0
        guard category != verdict.category, p[best] >= confident, p[current] <= doubtful else { return verdict }
        // Fail closed: what the rules found dangerous a statistical model may not call read or write (it moved
        // terminal, job and window tools from execute to write on names alone), and an action the tool
        // offers keeps its danger.
        if verdict.category > .write && category <= .write { return verdict }
        if let worst = verdict.actions.map(\.category).max(), category < worst { return verdict }
        // A verb-object reading (`add` two numbers computes, `remove` a label unlinks) is an exception written
        // for exactly that object; a model that weighs words one by one does not overrule it.
        if let top = verdict.evidence.max(by: { $0.weight < $1.weight }), top.category == verdict.category,
           VerbObjects.reasons.contains(where: { top.reason.hasSuffix($0) }) { return verdict }
        var revised = verdict
        revised.category = category
        revised.confidence = .low
        let (quote, pointer, words) = explanation(features, toward: best, from: current, tool: tool)
        let reason = "a model trained on \(trainedOn) reads \(category.rawValue) (\(percent(p[best])); the rules' "
            + "\(verdict.category.rawValue) \(percent(p[current]))), chiefly from \(words)"
        revised.evidence.insert(Evidence(ruleId: Self.id, category: category, weight: Weight.learnedReading.value,
                                         quote: quote, pointer: pointer, reason: reason), at: 0)
        return revised
    }

    /// The features that moved the model most from the rules' category toward its own, in words, with the
    /// first word-feature's word and place as the quote.
    private func explanation(_ features: [String: Double], toward best: Int, from current: Int, tool: ToolContext)
        -> (quote: String, pointer: JSONPointer, words: String) {
        let pushes = features.compactMap { name, value -> (String, Double)? in
            guard let row = weights.row(of: name) else { return nil }
            let push = value * (weights.weight(row, best) - weights.weight(row, current))
            return push > 0 ? (name, push) : nil
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3)
        var quote: (String, JSONPointer)?
        var said: [String] = []
        for (name, _) in pushes {
            guard let eq = name.firstIndex(of: "=") else { said.append(name); continue }
            let kind = name[..<eq], value = String(name[name.index(after: eq)...])
            switch kind {
            case "n", "n0", "n1", "nl":
                said.append("name word '\(value)'"); if quote == nil { quote = (value, tool.namePointer) }
            case "d", "d0":
                said.append("description word '\(value)'"); if quote == nil { quote = (value, tool.descriptionPointer) }
            case "p":
                said.append("parameter word '\(value)'"); if quote == nil { quote = (value, tool.pointer.appending("inputSchema")) }
            case "cls": said.append("the rules' \(value)")
            default: said.append("the rules' evidence (\(value))")
            }
        }
        let (q, at) = quote ?? (tool.name, tool.namePointer)
        // A word can weigh as several features (the name's first word and a name word): say it once.
        var seen = Set<String>()
        let distinct = said.filter { seen.insert($0).inserted }
        return (q, at, distinct.isEmpty ? "its words" : distinct.joined(separator: ", "))
    }

    private func percent(_ p: Double) -> String { "\(Int((p * 100).rounded()))%" }
}
