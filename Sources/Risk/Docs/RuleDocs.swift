/// Markdown rule documentation rendered from the rules' own descriptions: one page per rule and an index
/// that links the product's definition of the categories (`docs/categories.md`).
/// The CLI writes them to `docs/rules/`; the same descriptions feed `mcprisk rules` and SARIF.
public enum RuleDocs {
    /// The file name of a rule's page, e.g. `name-verb.md`.
    public static func fileName(for d: RuleDescription) -> String { "\(d.id).md" }

    /// One rule's page: title, facts, summary, rationale, and every example with what it must do.
    public static func markdown(for d: RuleDescription) -> String {
        var out = "# `\(d.id)`: \(d.title)\n\n"
        out += "| Family | Kind | Severity | Confidence |\n|---|---|---|---|\n"
        out += "| \(cell(d.family)) | \(d.kind.rawValue) | \(d.severity.rawValue) | \(d.confidence.rawValue) |\n\n"
        out += d.summary + "\n\n## Why\n\n" + d.rationale.trimmingNewlines + "\n\n## Examples\n"
        for (i, example) in d.examples.enumerated() {
            switch example.expectation {
            case .passes: out += "\n### \(i + 1). No hit\n\n"
            case .triggers(let at, .category(let category)): out += "\n### \(i + 1). Evidence for \(category.rawValue) at `\(at)`\n\n"
            case .triggers(let at, .signal): out += "\n### \(i + 1). Signal at `\(at)`\n\n"
            case .triggers(let at, .severity(let severity)): out += "\n### \(i + 1). Finding (\(severity.rawValue)) at `\(at)`\n\n"
            case .knownMiss(let why): out += "\n### \(i + 1). Known miss\n\n\(why)\n\n"
            }
            out += "```json\n\(example.json)\n```\n"
        }
        out += "\n_Generated from the rule's description by `mcprisk`; edit the rule, not this page._\n"
        return out
    }

    /// The index page: a table of every rule with a link to its page, grouped by kind in the given order.
    public static func index(_ rules: [any Rule]) -> String {
        var out = "# mcprisk rules\n\n"
        out += "Capability rules argue for a category, signal rules describe what a tool accepts, finding rules report threats and contradictions.\n"
        out += "What each category means is defined in [the categories](../categories.md); the rules follow it.\n"
        out += "Evidence whose rule id is `\(LearnedReading.id)` is not a rule's: it is the learned reading, a model trained on "
            + "labelled tools that may change a category after the rules decide ([labeling guide](../labeling-guide.md#the-learned-reading)).\n"
        for kind in RuleKind.allCases {
            let group = rules.map(\.description).filter { $0.kind == kind }
            guard !group.isEmpty else { continue }
            out += "\n## \(kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()) rules\n\n"
            out += "| Rule | Family | Severity | Summary |\n|---|---|---|---|\n"
            for d in group {
                out += "| [`\(d.id)`](\(fileName(for: d))) | \(cell(d.family)) | \(d.severity.rawValue) | \(cell(d.summary)) |\n"
            }
        }
        return out
    }

    /// Text made safe for one Markdown table cell: pipes escaped, line breaks flattened.
    static func cell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    /// The text without leading and trailing newlines and spaces.
    var trimmingNewlines: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
