extension Evaluation {
    /// The targets a release must meet: the locked test part's agreement and per-category precision and
    /// recall, the train part's agreement, and no dangerous tool classified read anywhere.
    public enum Target {
        /// Agreement on the locked test part.
        public static let test = 0.95
        /// Agreement on the train part.
        public static let train = 0.98
        /// Precision and recall of every category on the test part.
        public static let perCategory = 0.90
    }

    /// The targets this evaluation misses, in words (empty when it meets them all). Without a split, the
    /// whole set is held to the train target.
    public var missedTargets: [String] {
        var out: [String] = []
        if all.dangerousAsRead > 0 { out.append("\(all.dangerousAsRead) dangerous tools classified read") }
        if let test = parts[.test] {
            if test.accuracy < Target.test { out.append("test agreement \(Evaluation.percent(test.accuracy)) < \(Evaluation.percent(Target.test))") }
            for c in Category.allCases {
                if let p = test.precision(c), p < Target.perCategory { out.append("test precision of \(c.rawValue) \(Evaluation.percent(p))") }
                if let r = test.recall(c), r < Target.perCategory { out.append("test recall of \(c.rawValue) \(Evaluation.percent(r))") }
            }
        }
        let train = parts[.train] ?? all
        if train.accuracy < Target.train { out.append("train agreement \(Evaluation.percent(train.accuracy)) < \(Evaluation.percent(Target.train))") }
        return out
    }

    /// A plain-text report: each part's agreement, dangerous-as-read, confusion matrix, precision and recall;
    /// the misses of the train part (the locked part's only with `showTestMisses`); findings per server.
    public func text(showTestMisses: Bool = false) -> String {
        var out = "Evaluation: \(all.compared) labelled tools compared from \(all.servers) servers\n"
        if !unmatchedLabels.isEmpty { out += "Labels without a tool: \(unmatchedLabels.count) (\(unmatchedLabels.prefix(5).joined(separator: ", "))\(unmatchedLabels.count > 5 ? ", …" : ""))\n" }
        if !unlabelledTools.isEmpty { out += "Tools without a label: \(unlabelledTools.count)\n" }
        if !unsplitServers.isEmpty { out += "Servers the split does not place (counted as train): \(unsplitServers.joined(separator: ", "))\n" }
        let sections: [(String, Score, Bool)] = parts.isEmpty || parts.count == 1 && parts[.train] != nil
            ? [("All", all, true)]
            : EvaluationPart.allCases.compactMap { p in parts[p].map { (Self.title(of: p), $0, p != .test || showTestMisses) } }
        for (title, score, showMisses) in sections {
            out += "\n== \(title): \(score.servers) servers, \(score.compared) tools\n"
            out += "Agreement: \(Evaluation.percent(score.accuracy)) (\(score.correct)/\(score.compared))\n"
            out += "Dangerous (execute/destructive/financial) classified read: \(score.dangerousAsRead)\n"
            out += Evaluation.table(score)
            if showMisses {
                out += "\nMisses (\(score.misses.count))\n"
                for m in score.misses.sorted(by: { ($0.server, $0.tool) < ($1.server, $1.tool) }) {
                    out += "  \(m.server)/\(m.tool): label \(m.expected.rawValue), got \(m.got.rawValue) — \(m.deciding)\n"
                }
            } else {
                out += "\nMisses: \(score.misses.count), not shown (locked part; --show-test-misses prints them once a change is finished)\n"
            }
        }
        let missed = missedTargets
        out += "\nTargets: " + (missed.isEmpty ? "met" : "missed: " + missed.joined(separator: "; ")) + "\n"
        out += "\nFindings per server\n"
        for server in findingsByServer.keys.sorted() {
            let counts = findingsByServer[server]!.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += "  \(server): \(counts)\n"
        }
        return out
    }

    /// A part's section title.
    static func title(of part: EvaluationPart) -> String {
        switch part {
        case .train: "Train"
        case .retired: "Retired test (locked once; tuned on since its misses were read: a training figure)"
        case .test: "Test (locked)"
        }
    }

    /// The report with the train part's misses only.
    public var text: String { text() }

    /// The confusion matrix with each category's precision and recall.
    static func table(_ score: Score) -> String {
        let names = Category.allCases.map(\.rawValue)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var out = "\nConfusion (rows: label, columns: classifier)\n"
        out += pad("", 12) + names.map { lpad($0, 12) }.joined() + lpad("precision", 11) + lpad("recall", 9) + "\n"
        for (r, row) in score.confusion.enumerated() {
            let c = Category.allCases[r]
            out += pad(names[r], 12) + row.map { lpad(String($0), 12) }.joined()
            out += lpad(score.precision(c).map(percent) ?? "-", 11) + lpad(score.recall(c).map(percent) ?? "-", 9) + "\n"
        }
        return out
    }

    /// `0.9876` as `98.8%`.
    static func percent(_ x: Double) -> String { "\((x * 1000).rounded() / 10)%" }
}
