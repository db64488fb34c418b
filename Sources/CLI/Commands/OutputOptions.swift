import Foundation
import Policy
import Reports
import Risk

/// Where each report format goes: `--format` to stdout (or `--output PATH`), plus `--output FORMAT=PATH`s.
struct OutputPlan {
    /// One rendering to produce.
    struct Destination { var format: ReportFormat; var path: String? }
    /// Every rendering, stdout first when it has one.
    var destinations: [Destination]

    static let specs: [OptionSpec] = [
        .value("format", "FORMAT", short: "f", "terminal (default), json, markdown, sarif or html"),
        .value("output", "PATH|FORMAT=PATH", short: "o", repeatable: true, "Write the report to PATH instead of stdout (its extension picks the format when --format is not given); FORMAT=PATH writes another format too"),
        .value("fail-on", "SEVERITY", "Exit 1 when anything is at or above low|medium|high|critical"),
        .value("color", "WHEN", "Colour the terminal report: auto (default, only on a terminal), always, never"),
    ]

    init(_ a: ParsedArguments) throws {
        let main = try a.choice("format", as: ReportFormat.self) ?? .terminal
        var plain: [String] = []
        var extra: [Destination] = []
        for value in a.values("output") {
            if let eq = value.firstIndex(of: "="), let format = ReportFormat(rawValue: value[..<eq].lowercased()) {
                let path = String(value[value.index(after: eq)...])
                guard !path.isEmpty else { throw UsageError("--output \(value) names no file") }
                extra.append(Destination(format: format, path: path))
            } else {
                plain.append(value)
            }
        }
        guard plain.count <= 1 else { throw UsageError("--output PATH given more than once; use FORMAT=PATH for extra formats") }
        // Without --format, `--output report.sarif` means SARIF: the extension says what the user wants.
        let inferred = a.value("format") == nil ? plain.first.flatMap(OutputPlan.format(forPath:)) : nil
        destinations = [Destination(format: inferred ?? main, path: plain.first)] + extra
    }

    /// The format a file name's extension names, if any.
    static func format(forPath path: String) -> ReportFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": .json
        case "sarif": .sarif
        case "html", "htm": .html
        case "md", "markdown": .markdown
        case "txt": .terminal
        default: nil
        }
    }

    /// The `--fail-on` threshold, case-insensitive.
    static func failOn(_ a: ParsedArguments) throws -> Severity? {
        guard let raw = a.value("fail-on") else { return nil }
        guard let s = Severity(caseInsensitive: raw) else { throw UsageError("--fail-on must be one of low|medium|high|critical, not '\(raw)'") }
        return s
    }

    /// Whether the terminal format gets colours.
    static func color(_ a: ParsedArguments, context: CommandContext) throws -> Bool {
        switch a.value("color")?.lowercased() {
        case nil, "auto": return context.stdoutIsTTY && context.environment["NO_COLOR"] == nil
        case "always": return true
        case "never": return false
        case let other?: throw UsageError("--color must be auto, always or never, not '\(other)'")
        }
    }

    /// Renders and writes every destination.
    func write(_ report: Report, color: Bool, context: CommandContext) throws {
        for d in destinations {
            let text = d.format.render(report, rules: BuiltinRules.all.map(\.description), color: color && d.path == nil)
            if let path = d.path { try FileOutput.write(text, to: path) } else { context.out(text) }
        }
    }
}

/// Writes output files whole: to a temporary name beside the target, then renamed over it (a device
/// such as /dev/null is written to directly).
enum FileOutput {
    /// Writes `text` to `path`, creating parent folders; a failure names the path.
    static func write(_ text: String, to path: String) throws {
        let file = try OutputFile(path: path)
        do {
            try file.write(Array(text.utf8))
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
