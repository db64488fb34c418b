import Foundation

/// Expands the variable syntaxes MCP client configs use: `${VAR}`, `${VAR:-default}`, `${env:VAR}`.
/// An unset variable without a default is an error naming it, never an empty string.
public struct VariableExpander: Sendable {
    /// The variables available.
    public var environment: [String: String]

    /// An expander over `environment`.
    public init(environment: [String: String]) { self.environment = environment }

    /// Why an expansion failed.
    public struct Unresolved: Error, Equatable {
        /// The variable that is not set.
        public var name: String
    }

    /// `text` with every reference replaced.
    public func expand(_ text: String) throws(Unresolved) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { out += rest[start.lowerBound...]; return out }
            var body = String(rest[start.upperBound..<end])
            var fallback: String?
            if let sep = body.range(of: ":-") {
                fallback = String(body[sep.upperBound...])
                body = String(body[..<sep.lowerBound])
            }
            if body.hasPrefix("env:") { body = String(body.dropFirst(4)) }
            if let value = environment[body], !value.isEmpty { out += value }
            else if let fallback { out += fallback }
            else { throw Unresolved(name: body) }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
