/// A usage error: wrong option, missing value, bad value. Printed with `Error:` and the usage; exit 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, naming the option or argument.
    public var message: String
    /// An error with a message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The parsed command line of one command.
public struct ParsedArguments: Sendable {
    /// Values per option name, in the order given (flags hold an empty string).
    public var options: [String: [String]] = [:]
    /// Positional arguments.
    public var positionals: [String] = []
    /// Everything after `--`, when the command accepts a command line there.
    public var commandAfterDashes: [String]?

    /// Parses `arguments` (without the command name) against `spec`.
    public init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        var i = 0
        func lookup(long: String) throws(UsageError) -> OptionSpec {
            guard let o = spec.options.first(where: { $0.name == long }) else {
                throw UsageError("unknown option --\(long) for '\(spec.name)'")
            }
            return o
        }
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if arg == "--" {
                guard spec.acceptsCommandAfterDashes else { positionals += arguments[i...]; break }
                commandAfterDashes = Array(arguments[i...])
                break
            }
            var option: OptionSpec
            var inlineValue: String?
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    option = try lookup(long: String(body[..<eq]))
                    inlineValue = String(body[body.index(after: eq)...])
                } else {
                    option = try lookup(long: String(body))
                }
            } else if arg.hasPrefix("-"), arg.count == 2, let c = arg.last, c != "-" {
                guard let o = spec.options.first(where: { $0.short == c }) else {
                    throw UsageError("unknown option \(arg) for '\(spec.name)'")
                }
                option = o
            } else {
                positionals.append(arg)
                continue
            }
            let value: String
            if option.value == nil {
                if inlineValue != nil { throw UsageError("--\(option.name) takes no value") }
                value = ""
            } else if let inlineValue {
                value = inlineValue
            } else {
                guard i < arguments.count else { throw UsageError("--\(option.name) needs a value (\(option.value!))") }
                value = arguments[i]
                i += 1
            }
            if !option.repeatable, options[option.name] != nil {
                throw UsageError("--\(option.name) given more than once")
            }
            options[option.name, default: []].append(value)
        }
        if let max = spec.maxPositionals, positionals.count > max {
            throw UsageError("unexpected argument '\(positionals[max])' for '\(spec.name)'")
        }
    }

    /// True when the flag was given.
    public func flag(_ name: String) -> Bool { options[name] != nil }
    /// The value of a single-valued option.
    public func value(_ name: String) -> String? { options[name]?.last }
    /// Every value of a repeatable option.
    public func values(_ name: String) -> [String] { options[name] ?? [] }

    /// A value that must be one of `choices` (case-insensitive), or nil when absent.
    public func choice<T: RawRepresentable>(_ name: String, as: T.Type) throws(UsageError) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let raw = value(name) else { return nil }
        guard let v = T(rawValue: raw.lowercased()) else {
            throw UsageError("--\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: "|")), not '\(raw)'")
        }
        return v
    }

    /// A positive number of seconds, or nil when absent.
    public func seconds(_ name: String) throws(UsageError) -> Double? {
        guard let raw = value(name) else { return nil }
        guard let v = Double(raw), v > 0, v.isFinite else { throw UsageError("--\(name) must be a positive number of seconds, not '\(raw)'") }
        return v
    }

    /// A positive integer, or nil when absent.
    public func positiveInt(_ name: String) throws(UsageError) -> Int? {
        guard let raw = value(name) else { return nil }
        guard let v = Int(raw), v > 0 else { throw UsageError("--\(name) must be a positive whole number, not '\(raw)'") }
        return v
    }
}
