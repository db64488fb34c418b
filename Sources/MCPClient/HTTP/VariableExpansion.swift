/// `${VAR}`, `${VAR:-default}` and `${env:VAR}` (the Cursor / VS Code spelling) expansion, shared by
/// `--header`, `--bearer-token` and client config files. A `$` not followed by `{` is literal.
public enum VariableExpansion {
    /// Why a text could not be expanded; callers word the message for where the text came from.
    public enum Problem: Error, Sendable, Equatable {
        /// `${NAME}` names a variable that is not set and has no default.
        case unset(String)
        /// The reference itself is broken (no closing brace, not a variable name).
        case malformed(String)
    }

    /// `text` with every reference replaced from `environment`; the default is used when the variable
    /// is unset or empty.
    public static func expand(_ text: String, environment: [String: String]) throws(Problem) -> String {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            guard afterDollar < rest.endIndex, rest[afterDollar] == "{" else {
                out += "$"; rest = rest[afterDollar...]; continue
            }
            let bodyStart = rest.index(after: afterDollar)
            guard let close = rest[bodyStart...].firstIndex(of: "}") else { throw .malformed("'${' without a closing '}'") }
            var body = rest[bodyStart..<close]
            if body.hasPrefix("env:") { body = body.dropFirst(4) }
            let variable: Substring
            var fallback: Substring?
            if let sep = body.range(of: ":-") {
                variable = body[..<sep.lowerBound]; fallback = body[sep.upperBound...]
            } else {
                variable = body
            }
            guard isVariableName(variable) else {
                throw .malformed("'${\(String(variable).visibleEscaped(limit: 60))}' is not a valid variable name")
            }
            if let value = environment[String(variable)], !(fallback != nil && value.isEmpty) {
                out += value
            } else if let fallback {
                out += fallback
            } else {
                throw .unset(String(variable))
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    private static func isVariableName(_ s: Substring) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || isASCIILetter(first) else { return false }
        return s.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isASCIILetter($0) || (0x30...0x39).contains($0) }
    }

    static func isASCIILetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
}
