import JSON

/// Something a server did that was odd but not fatal, kept in the snapshot's transcript.
public struct Anomaly: Sendable, Hashable {
    /// A stable short name, e.g. `non-json-stdout`, `unknown-response-id`, `invalid-entry`, `duplicate-key`.
    public var kind: String
    /// What happened, in a sentence, quoting (bounded) what the server sent.
    public var message: String

    /// An anomaly from its parts.
    public init(kind: String, message: String) { self.kind = kind; self.message = message }
}
