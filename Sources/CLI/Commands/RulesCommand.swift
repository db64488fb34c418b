import Foundation
import Risk

/// `mcprisk rules`: lists every rule, or writes the Markdown rule docs.
enum RulesCommand: CLICommand {
    static let spec = CommandSpec(
        name: "rules",
        usage: ["rules [--format text|markdown] [--output DIR]"],
        summary: "List every rule (id, family, kind, severity, summary). With --format markdown, write one page per rule and an index to DIR (default docs/rules).",
        options: [
            .value("format", "FORMAT", short: "f", "text (default) or markdown"),
            .value("output", "DIR", short: "o", "Where markdown pages go (default docs/rules)"),
        ],
        maxPositionals: 0)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        switch a.value("format")?.lowercased() ?? "text" {
        case "text":
            context.out(RuleCatalog.listing)
        case "markdown":
            let dir = a.value("output") ?? "docs/rules"
            for (name, text) in RuleDocFiles.all() {
                try FileOutput.write(text, to: (dir as NSString).appendingPathComponent(name))
            }
            context.out("wrote \(BuiltinRules.all.count) rule pages and README.md to \(dir)\n")
        case let other:
            throw UsageError("--format must be text or markdown, not '\(other)'")
        }
        return 0
    }
}

/// The rule documentation files, by name: one page per rule and the index.
public enum RuleDocFiles {
    /// File name → Markdown text, the index first.
    public static func all() -> [(String, String)] {
        [("README.md", RuleDocs.index(BuiltinRules.all))]
            + BuiltinRules.all.map { (RuleDocs.fileName(for: $0.description), RuleDocs.markdown(for: $0.description)) }
    }
}
