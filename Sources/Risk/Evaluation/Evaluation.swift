import Definitions
import JSON

/// Measures the classifier against hand-given labels: agreement, a confusion matrix, the misses, and how
/// many dangerous tools came out as read. Pure: it takes file contents; the CLI reads the files.
public struct Evaluation: Sendable {
    /// One hand-given label.
    public struct Label: Sendable, Hashable {
        /// The server id (the snapshot file name without `.json`).
        public var server: String
        /// The tool name.
        public var tool: String
        /// The expected category.
        public var category: Category
        /// The labeller's note.
        public var note: String
    }

    /// One disagreement between a label and the classifier.
    public struct Miss: Sendable, Hashable {
        /// The server id.
        public var server: String
        /// The tool name.
        public var tool: String
        /// The label.
        public var expected: Category
        /// The classifier's category.
        public var got: Category
        /// The strongest evidence for what the classifier chose.
        public var deciding: String
    }

    /// The agreement on one set of tools: counts, the confusion matrix and the misses.
    public struct Score: Sendable, Hashable {
        /// Labelled tools compared.
        public internal(set) var compared = 0
        /// How many of those agreed.
        public internal(set) var correct = 0
        /// Counts by expected (row) and got (column), in `Category.allCases` order.
        public internal(set) var confusion: [[Int]] = Array(repeating: Array(repeating: 0, count: Category.allCases.count), count: Category.allCases.count)
        /// Every disagreement, in server then tool order.
        public internal(set) var misses: [Miss] = []
        /// How many servers.
        public internal(set) var servers = 0

        /// Fraction of compared tools that agreed (0 when none were compared).
        public var accuracy: Double { compared == 0 ? 0 : Double(correct) / Double(compared) }
        /// Tools labelled execute, destructive or financial that the classifier called read.
        public var dangerousAsRead: Int {
            [Category.execute, .destructive, .financial].reduce(0) { $0 + confusion[$1.rank][Category.read.rank] }
        }
        /// Of the tools the classifier put in `category`, the share labelled so (nil when it put none there).
        public func precision(_ category: Category) -> Double? {
            let column = confusion.reduce(0) { $0 + $1[category.rank] }
            return column == 0 ? nil : Double(confusion[category.rank][category.rank]) / Double(column)
        }
        /// Of the tools labelled `category`, the share the classifier put there (nil when none is labelled so).
        public func recall(_ category: Category) -> Double? {
            let row = confusion[category.rank].reduce(0, +)
            return row == 0 ? nil : Double(confusion[category.rank][category.rank]) / Double(row)
        }

        mutating func add(expected: Category, got: Category, miss: @autoclosure () -> Miss) {
            compared += 1
            confusion[expected.rank][got.rank] += 1
            if expected == got { correct += 1 } else { misses.append(miss()) }
        }
    }

    /// The score over every labelled tool.
    public private(set) var all = Score()
    /// The score of each part of the split (only parts that have servers).
    public private(set) var parts: [EvaluationPart: Score] = [:]
    /// Labels whose tool no snapshot holds (`server/tool`).
    public private(set) var unmatchedLabels: [String] = []
    /// Tools in snapshots without a label (`server/tool`).
    public private(set) var unlabelledTools: [String] = []
    /// Finding counts per server id, then per rule id (threat and contradiction findings, for false-alarm review).
    public private(set) var findingsByServer: [String: [String: Int]] = [:]
    /// Servers of the snapshots that the split does not place (they count as train).
    public private(set) var unsplitServers: [String] = []

    /// Labelled tools compared, over every part.
    public var compared: Int { all.compared }
    /// How many of those agreed.
    public var correct: Int { all.correct }
    /// Fraction of compared tools that agreed.
    public var accuracy: Double { all.accuracy }
    /// Counts by expected (row) and got (column), over every part.
    public var confusion: [[Int]] { all.confusion }
    /// Every disagreement, over every part.
    public var misses: [Miss] { all.misses }
    /// Dangerous tools classified read, over every part.
    public var dangerousAsRead: Int { all.dangerousAsRead }
    /// How many snapshots were read.
    public var servers: Int { all.servers }

    /// With `collectFeatures`, one JSON line per labelled tool for training the learned reading: server, tool,
    /// label, part and the tool's `LearnedFeatures`, as the rules alone see it.
    public private(set) var featureLines: [String] = []

    /// Evaluates `assessor` on `snapshots` (id, JSON text) against `labelsTSV` (header row, then
    /// `server\ttool\tcategory\tnote`); `split` places each server in a part (unplaced servers are train).
    /// With `collectFeatures` the learned reading is left out (it is trained on what the rules alone conclude),
    /// so the figures are the rules'.
    public init(labelsTSV: String, snapshots: [(id: String, json: String)], split: [String: EvaluationPart] = [:],
                assessor: Assessor = Assessor(), collectFeatures: Bool = false) throws(RiskError) {
        let assessor = collectFeatures ? Assessor(rules: assessor.rules, learned: false) : assessor
        let labels = try Evaluation.parseLabels(labelsTSV)
        var labelByKey: [String: Label] = [:]
        for l in labels { labelByKey["\(l.server)\t\(l.tool)"] = l }
        var seenKeys: Set<String> = []
        for (id, text) in snapshots.sorted(by: { $0.id < $1.id }) {
            let definitions = try Evaluation.definitions(id: id, json: text)
            let part = split[id] ?? .train
            if !split.isEmpty && split[id] == nil { unsplitServers.append(id) }
            all.servers += 1
            parts[part, default: Score()].servers += 1
            let assessment = assessor.assess(definitions)
            for f in assessment.findings { findingsByServer[id, default: [:]][f.ruleId, default: 0] += 1 }
            for tool in assessment.tools {
                let key = "\(id)\t\(tool.name)"
                guard let label = labelByKey[key] else { unlabelledTools.append("\(id)/\(tool.name)"); continue }
                guard seenKeys.insert(key).inserted else { continue }
                if collectFeatures { featureLines.append(Evaluation.featureLine(id, tool, label: label, part: part, in: definitions)) }
                let miss = {
                    Miss(server: id, tool: tool.name, expected: label.category, got: tool.category,
                         deciding: tool.evidence.first { $0.category == tool.category }?.summary ?? "no evidence: default \(CategoryDecision.fallback.rawValue)")
                }
                all.add(expected: label.category, got: tool.category, miss: miss())
                parts[part, default: Score()].add(expected: label.category, got: tool.category, miss: miss())
            }
        }
        unmatchedLabels = labels.filter { !seenKeys.contains("\($0.server)\t\($0.tool)") }.map { "\($0.server)/\($0.tool)" }
    }

    /// One training line: the tool's features as the learned reading computes them.
    static func featureLine(_ server: String, _ tool: ToolAssessment, label: Label, part: EvaluationPart, in definitions: ReviewedServer) -> String {
        let json = tool.pointer.resolve(in: definitions.document) ?? .null
        let description = json["description"]?.stringValue ?? ""
        let features = LearnedFeatures.of(name: tool.name, description: description, parameterNames: LearnedFeatures.parameterNames(json),
                                          category: tool.category, evidence: tool.evidence)
        let object: JSONValue = .object(JSONObject([
            ("server", .string(server)), ("tool", .string(tool.name)), ("label", .string(label.category.rawValue)),
            ("part", .string(part.rawValue)),
            ("features", .object(JSONObject(features.sorted { $0.key < $1.key }.map { ($0.key, .number(String($0.value))) }))),
        ]))
        return object.compactText
    }

    /// Parses the labels file; blank lines and lines starting with `#` are skipped.
    public static func parseLabels(_ text: String) throws(RiskError) -> [Label] {
        var out: [Label] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if i == 0 || line.trimmingWhitespace.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { throw .badLabel(line: i + 1, reason: "expected server, tool, category and note separated by tabs") }
            guard let category = Category(rawValue: fields[2].trimmingWhitespace.lowercased()) else {
                throw .badLabel(line: i + 1, reason: "unknown category '\(fields[2])'")
            }
            out.append(Label(server: fields[0], tool: fields[1], category: category, note: fields.count > 3 ? fields[3...].joined(separator: "\t") : ""))
        }
        return out
    }

    /// Server definitions from a snapshot file's text.
    public static func definitions(id: String, json: String) throws(RiskError) -> ReviewedServer {
        let document: JSONDocument
        do { document = try JSONParser().parse(json) } catch { throw .badSnapshot(id: id, reason: "\(error)") }
        guard document.value["tools"]?.arrayValue != nil || document.value.arrayValue != nil else {
            throw .badSnapshot(id: id, reason: "no `tools` array")
        }
        var definitions = ServerDefinitions(document: document.value)
        definitions.parseIssues = document.issues
        return ReviewedServer(definitions, name: id)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
