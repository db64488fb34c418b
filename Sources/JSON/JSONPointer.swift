/// An RFC 6901 JSON Pointer such as `/tools/3/inputSchema/properties/path`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The unescaped reference tokens.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// A pointer from unescaped tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the text form; returns nil when it does not start with `/` (and is not empty).
    public init?(_ text: String) {
        if text.isEmpty { self.tokens = []; return }
        guard text.hasPrefix("/") else { return nil }
        self.tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(JSONPointer.unescape)
    }

    /// This pointer extended by one key.
    public func appending(_ key: String) -> JSONPointer { JSONPointer(tokens: tokens + [key]) }
    /// This pointer extended by one array index.
    public func appending(_ index: Int) -> JSONPointer { JSONPointer(tokens: tokens + [String(index)]) }
    /// This pointer extended by every token of `other`.
    public func appending(_ other: JSONPointer) -> JSONPointer { JSONPointer(tokens: tokens + other.tokens) }

    /// True when `self` equals `other` or lies inside it.
    public func isWithin(_ other: JSONPointer) -> Bool {
        tokens.count >= other.tokens.count && tokens.prefix(other.tokens.count).elementsEqual(other.tokens)
    }

    /// The escaped text form.
    public var description: String {
        var out = ""
        out.reserveCapacity(tokens.reduce(0) { $0 + 1 + $1.utf8.count })
        for token in tokens {
            out.append("/")
            // Most tokens hold neither `~` nor `/`, and are appended as they are.
            if token.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) { out.append(JSONPointer.escape(token)) } else { out.append(token) }
        }
        return out
    }

    /// `~` → `~0`, `/` → `~1` (RFC 6901 §3).
    static func escape(_ token: String) -> String {
        var out = ""
        for c in token {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(c)
            }
        }
        return out
    }

    /// The inverse of `escape`; `~1` is read before `~0` as RFC 6901 §4 requires.
    static func unescape(_ token: Substring) -> String {
        var out = ""
        var it = token.makeIterator()
        while let c = it.next() {
            guard c == "~" else { out.append(c); continue }
            switch it.next() {
            case "0": out += "~"
            case "1": out += "/"
            case let other?: out += "~"; out.append(other)
            case nil: out += "~"
            }
        }
        return out
    }

    /// The value this pointer names inside `document`, if any.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { return nil }
                current = next
            case .array(let a):
                guard let i = Int(token), a.indices.contains(i) else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool { a.description < b.description }
}
