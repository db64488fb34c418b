import Definitions
import JSON
import Risk

/// Stable names for what a reviewer accepts and what a baseline remembers: one tool definition, or
/// one finding in one definition. A fingerprint survives what does not change the definition (the
/// order tools are listed in, JSON member order and layout, runs of white space in text, the order of
/// `required` and `enum` lists, `_meta`) and changes with anything that does (a word of a description,
/// a parameter, a type, an annotation, the tool's name): an acceptance given to one definition is
/// not carried over to another.
///
/// - `tool:` + 32 hex digits: SHA-256 of the normalized tool object, canonical JSON (sorted keys).
/// - `finding:` + 32 hex digits: SHA-256 of the rule id, the kind and name of what holds the finding,
///   the place inside it (the JSON Pointer without the list index: `/description`), the quote with
///   white space collapsed, and the holder's own fingerprint (so an edit to the tool renews it).
public enum Fingerprint {
    /// The prefix of tool fingerprints.
    public static let toolPrefix = "tool:"
    /// The prefix of finding fingerprints.
    public static let findingPrefix = "finding:"
    /// Hex digits kept after the prefix (128 bits).
    static let digits = 32

    /// The fingerprint of a tool definition (a tool object as listed).
    public static func tool(_ tool: JSONValue) -> String {
        toolPrefix + hash(normalized(dropMeta(tool)).canonicalText)
    }

    /// The fingerprint of each finding of `assessment`, in order, computed against `definitions`.
    public static func findings(_ assessment: ServerAssessment, in definitions: ServerDefinitions) -> [String] {
        var holders: [String: String] = [:]
        return assessment.findings.map { finding in
            let (place, holderKey) = split(finding.location.pointer)
            let holder: String
            if let cached = holders[holderKey] {
                holder = cached
            } else {
                holder = holderFingerprint(holderKey, pointer: finding.location.pointer, in: definitions)
                holders[holderKey] = holder
            }
            let parts = [finding.ruleId, finding.location.kind.rawValue, finding.location.name ?? "", place, collapse(finding.quote), holder]
            return findingPrefix + hash(parts.joined(separator: "\u{0}"))
        }
    }

    /// The place of a pointer inside its holder (`/tools/3/description` → `/description`) and the holder's key.
    static func split(_ pointer: JSONPointer) -> (place: String, holder: String) {
        let t = pointer.tokens
        if let first = t.first, ["tools", "prompts", "resources", "resourceTemplates"].contains(first), t.count >= 2 {
            return (JSONPointer(tokens: Array(t.dropFirst(2))).description, "\(first)/\(t[1])")
        }
        return (pointer.description, first(t))
    }

    private static func first(_ tokens: [String]) -> String { tokens.first ?? "" }

    /// What a finding's holder is, normalized: the tool, prompt or resource object, or the instructions.
    private static func holderFingerprint(_ key: String, pointer: JSONPointer, in d: ServerDefinitions) -> String {
        let t = pointer.tokens
        func item(_ list: [JSONValue]) -> JSONValue { t.count >= 2 ? (Int(t[1]).flatMap { list.indices.contains($0) ? list[$0] : nil } ?? .null) : .null }
        let value: JSONValue
        switch t.first {
        case "tools": value = item(d.tools)
        case "prompts": value = item(d.prompts)
        case "resources": value = item(d.resources)
        case "resourceTemplates": value = item(d.resourceTemplates)
        case "instructions": value = d.instructions.map { .string($0) } ?? .null
        default: value = d.document
        }
        return hash(normalized(dropMeta(value)).canonicalText)
    }

    private static func hash(_ text: String) -> String { String(SHA256.hex(text).prefix(digits)) }

    private static func dropMeta(_ value: JSONValue) -> JSONValue {
        guard var o = value.objectValue else { return value }
        o["_meta"] = nil
        return .object(o)
    }

    /// Strings with white space collapsed; `required` and `enum` lists in a fixed order. Depth-bounded
    /// by the JSON parser's own limits.
    static func normalized(_ value: JSONValue, key: String? = nil) -> JSONValue {
        switch value {
        case .string(let s):
            return .string(collapse(s))
        case .array(let items):
            let inner = items.map { normalized($0) }
            guard key == "required" || key == "enum" else { return .array(inner) }
            var seen = Set<String>()
            return .array(inner.map { ($0.canonicalText, $0) }.filter { seen.insert($0.0).inserted }.sorted { $0.0 < $1.0 }.map(\.1))
        case .object(let o):
            return .object(JSONObject(o.members.map { ($0.key, normalized($0.value, key: $0.key)) }))
        default:
            return value
        }
    }

    /// `s` with every run of white space made one space, and none at either end. White space is Unicode's
    /// White_Space property, matched on the UTF-8 bytes (a description can be megabytes: no per-scalar
    /// property lookup, no per-scalar append).
    static func collapse(_ s: String) -> String {
        var s = s
        s.makeContiguousUTF8()
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        s.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i < bytes.count {
                let width = whitespaceWidth(bytes, at: i)
                if width > 0 {
                    pendingSpace = !out.isEmpty
                    i += width
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(bytes[i])
                    i += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length in bytes of the White_Space character at `i` of valid UTF-8 `b`, or 0: ASCII tab to
    /// carriage return and space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inline(__always) static func whitespaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        switch c {
        case 0xC2 where i + 1 < b.count: return b[i + 1] == 0x85 || b[i + 1] == 0xA0 ? 2 : 0
        case 0xE1 where i + 2 < b.count: return b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : 0
        case 0xE2 where i + 2 < b.count:
            if b[i + 1] == 0x80 { let d = b[i + 2]; return (d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF ? 3 : 0 }
            return b[i + 1] == 0x81 && b[i + 2] == 0x9F ? 3 : 0
        case 0xE3 where i + 2 < b.count: return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
        default: return 0
        }
    }
}
