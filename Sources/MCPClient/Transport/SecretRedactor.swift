import Foundation
import JSON

/// Replaces secret values (the environment overlay or headers the user passed) wherever a server
/// echoes them, so they never reach a snapshot, a report or an error message.
public struct SecretRedactor: Sendable, Hashable {
    /// What replaces a secret.
    public static let replacement = "[redacted]"
    /// The secrets, longest first (so a secret containing another is replaced whole).
    public let secrets: [String]

    /// A redactor for `values`; values shorter than `minimumLength` are ignored, as they would
    /// match ordinary text (`1`, `true`, `prod`).
    public init(_ values: some Sequence<String>, minimumLength: Int = 6) {
        secrets = Set(values.filter { $0.count >= minimumLength }).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// True when there is nothing to redact.
    public var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every secret replaced.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: Self.replacement)
        }
        return out
    }

    /// `value` with every secret replaced in strings and keys; `changed` says whether any was found.
    public func redact(_ value: JSONValue) -> (value: JSONValue, changed: Bool) {
        guard !secrets.isEmpty else { return (value, false) }
        var changed = false
        // Recursion is bounded by the parser's depth limit (deeper subtrees arrive as `.skipped`).
        func walk(_ v: JSONValue) -> JSONValue {
            switch v {
            case .string(let s):
                let r = redact(s)
                if r != s { changed = true }
                return .string(r)
            case .array(let elements): return .array(elements.map(walk))
            case .object(let object):
                return .object(JSONObject(object.members.map { member in
                    let key = redact(member.key)
                    if key != member.key { changed = true }
                    return (key, walk(member.value))
                }))
            default: return v
            }
        }
        let result = walk(value)
        return (result, changed)
    }

    /// An event with secrets replaced; a redacted message is followed by an anomaly saying so.
    public func redact(_ event: TransportEvent) -> [TransportEvent] {
        guard !secrets.isEmpty else { return [event] }
        switch event {
        case .message(let value, let issues):
            let (clean, changed) = redact(value)
            guard changed else { return [event] }
            return [.message(clean, issues: issues.map { var i = $0; i.detail = redact(i.detail); return i }),
                    .anomaly(Anomaly(kind: "secret-redacted", message: "the server sent back a value of the environment or headers passed to it; it was replaced by \(Self.replacement)"))]
        case .anomaly(let anomaly):
            return [.anomaly(Anomaly(kind: anomaly.kind, message: redact(anomaly.message)))]
        case .oversized:
            return [event]
        }
    }
}
