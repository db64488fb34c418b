/// What can go wrong in the Risk module: only reading evaluation inputs (rules themselves never fail).
public enum RiskError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A labels file line that is not `server<TAB>tool<TAB>category<TAB>note`.
    case badLabel(line: Int, reason: String)
    /// A snapshot that is not a JSON object with a `tools` array.
    case badSnapshot(id: String, reason: String)

    /// The message shown to users.
    public var description: String {
        switch self {
        case .badLabel(let line, let reason): "labels line \(line): \(reason)"
        case .badSnapshot(let id, let reason): "snapshot \(id): \(reason)"
        }
    }
}
