extension Evaluation {
    /// A plain-text report: agreement, dangerous-as-read, confusion matrix, misses, findings per server.
    public var text: String {
        var out = "Evaluation: \(compared) labelled tools compared from \(servers) servers\n"
        let percent = (accuracy * 1000).rounded() / 10
        out += "Agreement: \(percent)% (\(correct)/\(compared))\n"
        out += "Dangerous (execute/destructive/financial) classified read: \(dangerousAsRead)\n"
        if !unmatchedLabels.isEmpty { out += "Labels without a tool: \(unmatchedLabels.count) (\(unmatchedLabels.prefix(5).joined(separator: ", "))\(unmatchedLabels.count > 5 ? ", …" : ""))\n" }
        if !unlabelledTools.isEmpty { out += "Tools without a label: \(unlabelledTools.count)\n" }
        out += "\nConfusion (rows: label, columns: classifier)\n"
        let names = Category.allCases.map(\.rawValue)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        out += pad("", 12) + names.map { lpad($0, 12) }.joined() + "\n"
        for (r, row) in confusion.enumerated() {
            out += pad(names[r], 12) + row.map { lpad(String($0), 12) }.joined() + "\n"
        }
        out += "\nMisses (\(misses.count))\n"
        for m in misses.sorted(by: { ($0.server, $0.tool) < ($1.server, $1.tool) }) {
            out += "  \(m.server)/\(m.tool): label \(m.expected.rawValue), got \(m.got.rawValue) — \(m.deciding)\n"
        }
        out += "\nFindings per server\n"
        for server in findingsByServer.keys.sorted() {
            let counts = findingsByServer[server]!.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += "  \(server): \(counts)\n"
        }
        return out
    }
}
