#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LearnedReading {
    /// True when the model could change `verdict`: its probabilities computed from the features' bytes
    /// (`LearnedTable`) leave the rules' category doubtful and another one likely. Summing in another order
    /// than `probabilities` may move a probability by rounding only, so the test leaves a margin; a feature
    /// that is not ASCII (a quote in another script) always says yes, and `revise` reads the string features.
    func mayRevise(_ verdict: ToolVerdict, tool: ToolContext) -> Bool {
        guard let p = screenProbabilities(tool: tool, category: verdict.category, evidence: verdict.evidence) else { return true }
        let current = Self.order.firstIndex(of: verdict.category) ?? 0
        let margin = 1e-9
        return p[current] <= doubtful + margin && (p.max() ?? 0) >= confident - margin
    }

    /// The probabilities `probabilities(LearnedFeatures.of(…))` gives, to within rounding; nil when a
    /// feature is not ASCII.
    func screenProbabilities(tool: ToolContext, category: Category, evidence: [Evidence]) -> [Double]? {
        var sum = FeatureSum(table: weights)
        sum.add("cls=", category.rawValue, 1)
        var weights = [Int](repeating: 0, count: 5), present = [Bool](repeating: false, count: 5)
        var rules: [(rule: String, category: Category, count: Double)] = []
        for e in evidence {
            let c = e.category.rank
            weights[c] += e.weight
            present[c] = true
            if let i = rules.firstIndex(where: { $0.rule == e.ruleId && $0.category == e.category }) { rules[i].count += 1 } else { rules.append((e.ruleId, e.category, 1)) }
        }
        for r in rules { sum.add("rule=", r.rule, ">", r.category.rawValue, r.count) }
        let total = Double(max(weights.reduce(0, +), 1))
        for (c, w) in weights.enumerated() where present[c] && w != 0 { sum.add("share=", Category.allCases[c].rawValue, Double(w) / total) }
        if let top = evidence.reduce(nil as Evidence?, { best, e in best.map { e.weight > $0.weight ? e : $0 } ?? e }) {
            sum.add("top=", top.ruleId, ">", top.category.rawValue, 1)
            guard top.quote.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            sum.add("topq=", top.quote.lowercased(), ">", top.category.rawValue, 1)
        } else {
            sum.add("noevidence", "", 1)
        }
        let name = LearnedFeatures.wordRanges(tool.name, limit: .max)
        for r in name.ranges { sum.add("n=", name.bytes[r], 1) }
        if let first = name.ranges.first { sum.add("n0=", name.bytes[first], 1) }
        if name.ranges.count > 1 { sum.add("n1=", name.bytes[name.ranges[1]], 1) }
        if let last = name.ranges.last { sum.add("nl=", name.bytes[last], 1) }
        let head = LearnedFeatures.wordRanges(tool.description, limit: LearnedFeatures.descriptionWords)
        for r in head.ranges { sum.add("d=", head.bytes[r], 0.5) }
        if let first = head.ranges.first { sum.add("d0=", head.bytes[first], 1) }
        for p in LearnedFeatures.parameterNames(tool.json) {
            let words = LearnedFeatures.wordRanges(p, limit: .max)
            for r in words.ranges { sum.add("p=", words.bytes[r], 0.5) }
        }
        guard sum.ascii else { return nil }
        let z = sum.logits()
        let top = z.max() ?? 0
        let e = z.map { exp($0 - top) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}

/// A tool's features found in the table, each counted once as `LearnedFeatures.of` keeps it. The keys are
/// gathered first and looked up together: the table is larger than the caches, and loads issued side by
/// side overlap where lookups one after another would each wait for memory.
private struct FeatureSum {
    let table: LearnedTable
    /// Every feature's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Each feature: where its bytes are, their hash and its value.
    private var features: [(start: Int, end: Int, hash: UInt64, value: Double)] = []
    /// False once a feature held a byte outside ASCII.
    private(set) var ascii = true

    init(table: LearnedTable) {
        self.table = table
        bytes.reserveCapacity(1_024)
        features.reserveCapacity(80)
    }

    mutating func add(_ prefix: StaticString, _ text: String, _ value: Double) {
        let start = bytes.count
        append(prefix); bytes.append(contentsOf: text.utf8); finish(start, value)
    }

    mutating func add(_ prefix: StaticString, _ text: String, _ separator: StaticString, _ suffix: String, _ value: Double) {
        let start = bytes.count
        append(prefix); bytes.append(contentsOf: text.utf8); append(separator); bytes.append(contentsOf: suffix.utf8); finish(start, value)
    }

    mutating func add(_ prefix: StaticString, _ word: ArraySlice<UInt8>, _ value: Double) {
        let start = bytes.count
        append(prefix); bytes.append(contentsOf: word); finish(start, value)
    }

    private mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func finish(_ start: Int, _ value: Double) {
        if ascii, bytes[start...].contains(where: { $0 >= 0x80 }) { ascii = false }
        features.append((start, bytes.count, LearnedTable.hash(bytes[start...]), value))
    }

    /// The logit of each category: every distinct feature's value times its weights.
    func logits() -> [Double] {
        var z = [Double](repeating: 0, count: 5)
        // First touch every feature's slot (independent loads), then look each up in cache.
        var touched: UInt32 = 0
        for f in features { touched ^= table.touch(f.hash) }
        if touched == 0 { z[0] += 0 }
        var found: [(row: Int, value: Double)] = []
        found.reserveCapacity(features.count)
        for f in features {
            if let row = table.row(bytes[f.start..<f.end], hash: f.hash) { found.append((row, f.value)) }
        }
        found.sort { $0.row < $1.row }
        var last = -1
        for (row, value) in found where row != last {
            last = row
            for c in 0..<5 { z[c] += table.weight(row, c) * value }
        }
        return z
    }
}
