/// A strict RFC 8259 parser that never recurses: containers live on an explicit stack, and anything
/// nested deeper than the limit is skipped by counting brackets, so no input can overflow the stack.
public struct JSONParser: Sendable {
    /// The limits in force.
    public var limits: JSONLimits

    /// A parser with the given limits.
    public init(limits: JSONLimits = .standard) { self.limits = limits }

    /// Parses a whole document and reports irregularities beside it.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONDocument {
        let input = Array(bytes)
        guard input.count <= limits.maxBytes else { throw .tooLarge(bytes: input.count, limit: limits.maxBytes) }
        var reader = Reader(bytes: input, limits: limits)
        let value = try reader.document()
        return JSONDocument(value: value, issues: reader.issues)
    }

    /// Parses a string; convenience for tests and literals.
    public func parse(_ text: String) throws(JSONError) -> JSONDocument { try parse(Array(text.utf8)) }
}

extension JSONValue {
    /// Parses `text` with the standard limits, dropping issues.
    public init(parsing text: String) throws(JSONError) {
        self = try JSONParser().parse(text).value
    }
    /// Parses `bytes` with the standard limits, dropping issues.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONError) {
        self = try JSONParser().parse(bytes).value
    }
}

/// A container being parsed, on the reader's explicit stack.
enum Frame {
    case array([JSONValue])
    case object(JSONObject, key: String, keyOffset: Int)
}

/// The parser's state over one input: position, open containers, issues found.
struct Reader {
    let bytes: [UInt8]
    let limits: JSONLimits
    var pos = 0
    var stack: [Frame] = []
    var issues: [JSONIssue] = []

    init(bytes: [UInt8], limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func document() throws(JSONError) -> JSONValue {
        skipBOMAndSpace()
        let value = try valueLoop()
        skipSpace()
        guard pos == bytes.count else { throw .syntax("unexpected \(describe(bytes[pos])) after the document", offset: pos) }
        return value
    }

    /// Parses values until the outermost container closes.
    mutating func valueLoop() throws(JSONError) -> JSONValue {
        while true {
            skipSpace()
            guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
            var value: JSONValue
            switch bytes[pos] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count >= limits.maxDepth {
                    let start = pos
                    try skipContainer()
                    value = .skipped(bytes: pos - start)
                    issues.append(JSONIssue(kind: .skippedDeepSubtree, pointer: currentPointer(), offset: start,
                                            detail: "\(pos - start) bytes deeper than \(limits.maxDepth) levels"))
                } else if bytes[pos] == UInt8(ascii: "{") {
                    pos += 1
                    skipSpace()
                    if peek(UInt8(ascii: "}")) { pos += 1; value = .object(JSONObject()) }
                    else { let (k, o) = try key(); stack.append(.object(JSONObject(), key: k, keyOffset: o)); continue }
                } else {
                    pos += 1
                    skipSpace()
                    if peek(UInt8(ascii: "]")) { pos += 1; value = .array([]) }
                    else { stack.append(.array([])); continue }
                }
            case UInt8(ascii: "\""): value = .string(try string())
            case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
            case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
            case UInt8(ascii: "n"): try literal("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try number())
            default: throw .syntax("expected a value, found \(describe(bytes[pos]))", offset: pos)
            }
            // Attach the finished value, closing as many containers as end here.
            while true {
                guard let top = stack.popLast() else { return value }
                skipSpace()
                guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
                switch top {
                case .array(var elements):
                    elements.append(value)
                    if bytes[pos] == UInt8(ascii: ",") { pos += 1; stack.append(.array(elements)); break }
                    guard bytes[pos] == UInt8(ascii: "]") else { throw .syntax("expected ',' or ']' in array, found \(describe(bytes[pos]))", offset: pos) }
                    pos += 1
                    value = .array(elements)
                    continue
                case .object(var object, let k, let keyOffset):
                    if object[k] != nil {
                        stack.append(.object(object, key: k, keyOffset: keyOffset))
                        issues.append(JSONIssue(kind: .duplicateKey, pointer: currentPointer(), offset: keyOffset, detail: k))
                        stack.removeLast()
                        object[k] = value
                    } else {
                        object.appendUnchecked(k, value)
                    }
                    if bytes[pos] == UInt8(ascii: ",") {
                        pos += 1
                        skipSpace()
                        let (nk, no) = try key()
                        stack.append(.object(object, key: nk, keyOffset: no))
                        break
                    }
                    guard bytes[pos] == UInt8(ascii: "}") else { throw .syntax("expected ',' or '}' in object, found \(describe(bytes[pos]))", offset: pos) }
                    pos += 1
                    value = .object(object)
                    continue
                }
                break
            }
        }
    }

    /// Reads `"key"` and the following colon.
    mutating func key() throws(JSONError) -> (String, Int) {
        guard peek(UInt8(ascii: "\"")) else {
            guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
            throw .syntax("expected a string key, found \(describe(bytes[pos]))", offset: pos)
        }
        let offset = pos
        let k = try string()
        skipSpace()
        guard peek(UInt8(ascii: ":")) else {
            guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
            throw .syntax("expected ':' after key, found \(describe(bytes[pos]))", offset: pos)
        }
        pos += 1
        return (k, offset)
    }

    /// The pointer of the value being parsed now (for issues).
    func currentPointer() -> JSONPointer {
        var tokens: [String] = []
        for frame in stack {
            switch frame {
            case .array(let a): tokens.append(String(a.count))
            case .object(_, let k, _): tokens.append(k)
            }
        }
        return JSONPointer(tokens: tokens)
    }

    /// Skips a whole container without building it; strings are skipped so brackets inside them don't count.
    mutating func skipContainer() throws(JSONError) {
        var depth = 0
        while pos < bytes.count {
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; pos += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1; pos += 1
                if depth == 0 { return }
            case UInt8(ascii: "\""):
                pos += 1
                while pos < bytes.count, bytes[pos] != UInt8(ascii: "\"") {
                    pos += bytes[pos] == UInt8(ascii: "\\") ? 2 : 1
                }
                pos += 1
            default: pos += 1
            }
        }
        throw .unexpectedEnd(offset: pos)
    }

    mutating func literal(_ word: String) throws(JSONError) {
        let start = pos
        for b in word.utf8 {
            guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
            guard bytes[pos] == b else { throw .syntax("invalid literal", offset: start) }
            pos += 1
        }
    }

    mutating func number() throws(JSONError) -> String {
        let start = pos
        func digits(_ r: inout Reader) -> Int {
            let s = r.pos
            while r.pos < r.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(r.bytes[r.pos]) { r.pos += 1 }
            return r.pos - s
        }
        if peek(UInt8(ascii: "-")) { pos += 1 }
        if peek(UInt8(ascii: "0")) { pos += 1 }
        else if digits(&self) == 0 { throw .syntax("invalid number", offset: start) }
        if peek(UInt8(ascii: ".")) {
            pos += 1
            if digits(&self) == 0 { throw .syntax("invalid number: no digits after '.'", offset: start) }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            pos += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { pos += 1 }
            if digits(&self) == 0 { throw .syntax("invalid number: no digits in exponent", offset: start) }
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    func peek(_ b: UInt8) -> Bool { pos < bytes.count && bytes[pos] == b }

    mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    mutating func skipBOMAndSpace() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
        skipSpace()
    }

    func describe(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }
}
