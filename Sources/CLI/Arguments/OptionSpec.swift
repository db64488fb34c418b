/// One option a command accepts.
public struct OptionSpec: Sendable {
    /// The long name without dashes, e.g. `format`.
    public var name: String
    /// A one-letter alias, e.g. `o`.
    public var short: Character?
    /// The value's placeholder for help (`FORMAT`); nil for a flag that takes no value.
    public var value: String?
    /// Whether the option may be given several times.
    public var repeatable: Bool
    /// One line of help.
    public var help: String
    /// Hidden from help (internal options).
    public var hidden: Bool

    /// An option that takes a value.
    public static func value(_ name: String, _ placeholder: String, short: Character? = nil, repeatable: Bool = false,
                             hidden: Bool = false, _ help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, value: placeholder, repeatable: repeatable, help: help, hidden: hidden)
    }
    /// A flag without a value.
    public static func flag(_ name: String, short: Character? = nil, hidden: Bool = false, _ help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, value: nil, repeatable: false, help: help, hidden: hidden)
    }
}

/// What a command accepts: its options, positional arguments, and help text.
public struct CommandSpec: Sendable {
    /// The command's name, e.g. `scan`.
    public var name: String
    /// Usage lines shown after `Usage:`.
    public var usage: [String]
    /// A paragraph of help.
    public var summary: String
    /// Options, in help order.
    public var options: [OptionSpec]
    /// Most positional arguments allowed (nil = any).
    public var maxPositionals: Int?
    /// Whether `--` starts a command line taken verbatim (scan's stdio server command).
    public var acceptsCommandAfterDashes: Bool
    /// Hidden from the command list.
    public var hidden: Bool

    /// A spec from its parts.
    public init(name: String, usage: [String], summary: String, options: [OptionSpec], maxPositionals: Int? = nil,
                acceptsCommandAfterDashes: Bool = false, hidden: Bool = false) {
        self.name = name; self.usage = usage; self.summary = summary
        self.options = options + [.flag("help", short: "h", "Show this help")]
        self.maxPositionals = maxPositionals; self.acceptsCommandAfterDashes = acceptsCommandAfterDashes; self.hidden = hidden
    }

    /// The full help text.
    public var helpText: String {
        var lines = ["Usage:"] + usage.map { "  mcprisk \($0)" } + ["", summary, "", "Options:"]
        let shown = options.filter { !$0.hidden }
        let left = shown.map { o -> String in
            var s = o.short.map { "-\($0), " } ?? "    "
            s += "--\(o.name)"
            if let v = o.value { s += " \(v)" }
            return s
        }
        let width = (left.map(\.count).max() ?? 0) + 2
        for (l, o) in zip(left, shown) {
            lines.append("  " + l + String(repeating: " ", count: width - l.count) + o.help + (o.repeatable ? " (repeatable)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
