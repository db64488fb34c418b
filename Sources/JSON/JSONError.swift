/// Why a document could not be parsed at all; every case names the byte offset it happened at.
public enum JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input was larger than `JSONLimits.maxBytes`.
    case tooLarge(bytes: Int, limit: Int)
    /// The input broke the JSON grammar at `offset`.
    case syntax(String, offset: Int)
    /// The input ended before the document did.
    case unexpectedEnd(offset: Int)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): "JSON document of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .syntax(let what, let offset): "invalid JSON at byte \(offset): \(what)"
        case .unexpectedEnd(let offset): "JSON document ends early at byte \(offset)"
        }
    }
}

/// Something the parser accepted but that a reader should know about, such as a duplicated key.
public struct JSONIssue: Sendable, Hashable, CustomStringConvertible {
    /// What kind of irregularity.
    public enum Kind: String, Sendable, Hashable {
        /// An object named the same key twice; the last value was kept, as most JSON readers do.
        case duplicateKey
        /// A string held bytes that are not UTF-8 (or a lone surrogate); each run of them was replaced by one
        /// U+FFFD. One issue per string, at the first bad sequence; its detail counts the others.
        case invalidUTF8
        /// A container nested deeper than the limit was skipped.
        case skippedDeepSubtree
    }

    /// What happened.
    public var kind: Kind
    /// Where in the document, as a pointer to the value concerned.
    public var pointer: JSONPointer
    /// The byte offset in the input.
    public var offset: Int
    /// A short detail: the duplicated key, the invalid bytes, or the skipped size.
    public var detail: String

    public var description: String {
        switch kind {
        case .duplicateKey: "duplicate key \"\(detail)\" at byte \(offset) (\(pointer)); the last value is kept"
        case .invalidUTF8: "invalid UTF-8 at byte \(offset) (\(pointer)), replaced with U+FFFD"
        case .skippedDeepSubtree: "subtree nested too deeply at byte \(offset) (\(pointer)) skipped (\(detail))"
        }
    }
}

/// A parsed document together with the irregularities found in it.
public struct JSONDocument: Sendable {
    /// The value.
    public var value: JSONValue
    /// Duplicate keys, invalid UTF-8 and skipped subtrees, in the order met, at most `JSONLimits.maxIssues`.
    public var issues: [JSONIssue]
    /// How many further issues were found but not recorded, past `JSONLimits.maxIssues`.
    public var droppedIssues: Int = 0
}

extension JSONIssue {
    /// An issue from its parts, e.g. read back from a stored catalogue snapshot.
    public init(kind: Kind, at pointer: JSONPointer, offset: Int, detail: String) {
        self.kind = kind; self.pointer = pointer; self.offset = offset; self.detail = detail
    }
}
