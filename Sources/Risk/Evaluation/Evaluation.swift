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

    /// Labelled tools found in a snapshot and compared.
    public private(set) var compared = 0
    /// How many of those agreed.
    public private(set) var correct = 0
    /// Counts by expected (row) and got (column), in `Category.allCases` order.
    public private(set) var confusion: [[Int]] = Array(repeating: Array(repeating: 0, count: Category.allCases.count), count: Category.allCases.count)
    /// Every disagreement, ordered by server then tool.
    public private(set) var misses: [Miss] = []
    /// Labels whose tool no snapshot holds (`server/tool`).
    public private(set) var unmatchedLabels: [String] = []
    /// Tools in snapshots without a label (`server/tool`).
    public private(set) var unlabelledTools: [String] = []
    /// Finding counts per server id, then per rule id (threat and contradiction findings, for false-alarm review).
    public private(set) var findingsByServer: [String: [String: Int]] = [:]
    /// How many snapshots were read.
    public private(set) var servers = 0

    /// Fraction of compared tools that agreed (0 when none were compared).
    public var accuracy: Double { compared == 0 ? 0 : Double(correct) / Double(compared) }
    /// Tools labelled execute, destructive or financial that the classifier called read.
    public var dangerousAsRead: Int {
        [Category.execute, .destructive, .financial].reduce(0) { $0 + confusion[$1.rank][Category.read.rank] }
    }

    /// Evaluates `assessor` on `snapshots` (id, JSON text) against `labelsTSV` (header row, then
    /// `server\ttool\tcategory\tnote`).
    public init(labelsTSV: String, snapshots: [(id: String, json: String)], assessor: Assessor = Assessor()) throws(RiskError) {
        let labels = try Evaluation.parseLabels(labelsTSV)
        var labelByKey: [String: Label] = [:]
        for l in labels { labelByKey["\(l.server)\t\(l.tool)"] = l }
        var seenKeys: Set<String> = []
        for (id, text) in snapshots.sorted(by: { $0.id < $1.id }) {
            let definitions = try Evaluation.definitions(id: id, json: text)
            servers += 1
            let assessment = assessor.assess(definitions)
            for f in assessment.findings { findingsByServer[id, default: [:]][f.ruleId, default: 0] += 1 }
            for tool in assessment.tools {
                let key = "\(id)\t\(tool.name)"
                guard let label = labelByKey[key] else { unlabelledTools.append("\(id)/\(tool.name)"); continue }
                guard seenKeys.insert(key).inserted else { continue }
                compared += 1
                confusion[label.category.rank][tool.category.rank] += 1
                if label.category == tool.category {
                    correct += 1
                } else {
                    let deciding = tool.evidence.first { $0.category == tool.category }?.summary ?? "no evidence: default \(CategoryDecision.fallback.rawValue)"
                    misses.append(Miss(server: id, tool: tool.name, expected: label.category, got: tool.category, deciding: deciding))
                }
            }
        }
        unmatchedLabels = labels.filter { !seenKeys.contains("\($0.server)\t\($0.tool)") }.map { "\($0.server)/\($0.tool)" }
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
