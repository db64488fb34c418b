/// A strict RFC 8259 parser that never recurses and never goes quadratic: containers live on an
/// explicit stack and their contents in shared scratch buffers (each value is moved once, when its
/// container closes), objects find duplicate keys through a hashed index, issues are capped per
/// document, and anything nested deeper than the limit is skipped by counting brackets.
public struct JSONParser: Sendable {
    /// The limits in force.
    public var limits: JSONLimits

    /// A parser with the given limits.
    public init(limits: JSONLimits = .standard) { self.limits = limits }

    /// Parses a whole document and reports irregularities beside it.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONDocument {
        let count = bytes.count
        guard count <= limits.maxBytes else { throw .tooLarge(bytes: count, limit: limits.maxBytes) }
        let result: Result<JSONDocument, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            parse(buffer: buffer)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { parse(buffer: $0) }.get()
    }

    /// Parses a string; convenience for tests and literals.
    public func parse(_ text: String) throws(JSONError) -> JSONDocument {
        var text = text
        return try text.withUTF8 { parse(buffer: $0) }.get()
    }

    private func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONDocument, JSONError> {
        guard buffer.count <= limits.maxBytes else { return .failure(.tooLarge(bytes: buffer.count, limit: limits.maxBytes)) }
        var reader = Reader(bytes: buffer, limits: limits)
        do throws(JSONError) {
            let value = try reader.document()
            return .success(JSONDocument(value: value, issues: reader.keptIssues(), droppedIssues: reader.droppedIssues))
        } catch {
            return .failure(error)
        }
    }
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

/// A container being parsed. Its contents so far are the tail of the reader's `elements` (arrays) or
/// `members` (objects) from `start` on, so appending never copies the container.
struct Frame {
    let isObject: Bool
    /// Where this container's contents begin in the shared buffer.
    let start: Int
    /// The key whose value is being parsed (objects).
    var key = ""
    /// The byte offset of that key (objects).
    var keyOffset = 0
    /// How many issues had been recorded when that key's value began (objects).
    var valueIssues = 0
    /// Key → member position, once the object is past `JSONObject.indexThreshold` members.
    var index: [String: Int]?
}

/// The parser's state over one input: position, open containers, issues found. The bytes are only
/// borrowed for the duration of one `parse` call.
struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let limits: JSONLimits
    var pos = 0
    var frames: [Frame] = []
    var elements: [JSONValue] = []
    var members: [(key: String, value: JSONValue)] = []
    /// For each entry of `members`, the issues recorded while its value was read: when a later
    /// duplicate key replaces the value, those issues point at nothing and are left out.
    var memberIssues: [Range<Int>] = []
    /// Issues inside values that a duplicate key replaced.
    var voidedIssues: [Range<Int>] = []
    var issues: [JSONIssue] = []
    var droppedIssues = 0
    /// True while reading a key of the object on top of the stack: issues then point at that object.
    var readingNextKey = false
    /// Reused for strings that need decoding (escapes, invalid UTF-8).
    var scratch: [UInt8] = []
    /// The bad text of the string being decoded: how many sequences, where the first began, what it was.
    var badText = (count: 0, offset: 0, first: "")

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.bytes = bytes
        self.end = bytes.count
        self.limits = limits
    }

    mutating func document() throws(JSONError) -> JSONValue {
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
        let value = try valueLoop()
        skipSpace()
        guard pos == end else { throw .syntax("unexpected \(describe(bytes[pos])) after the document", offset: pos) }
        return value
    }

    /// Records an issue at the value being parsed, or only counts it once the document has its fill.
    mutating func record(_ kind: JSONIssue.Kind, offset: Int, detail: String) {
        guard issues.count < limits.maxIssues else { droppedIssues += 1; return }
        issues.append(JSONIssue(kind: kind, pointer: currentPointer(), offset: offset, detail: detail))
    }

    /// Parses values until the outermost container closes.
    mutating func valueLoop() throws(JSONError) -> JSONValue {
        while true {
            skipSpace()
            guard pos < end else { throw .unexpectedEnd(offset: pos) }
            var value: JSONValue
            switch bytes[pos] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if frames.count >= limits.maxDepth {
                    let start = pos
                    try skipContainer()
                    value = .skipped(bytes: pos - start)
                    record(.skippedDeepSubtree, offset: start, detail: "\(pos - start) bytes deeper than \(limits.maxDepth) levels")
                } else if bytes[pos] == UInt8(ascii: "{") {
                    pos += 1
                    skipSpace()
                    if peek(UInt8(ascii: "}")) { pos += 1; value = .object(JSONObject()) }
                    else {
                        let (k, o) = try key()
                        frames.append(Frame(isObject: true, start: members.count, key: k, keyOffset: o, valueIssues: issues.count))
                        continue
                    }
                } else {
                    pos += 1
                    skipSpace()
                    if peek(UInt8(ascii: "]")) { pos += 1; value = .array([]) }
                    else { frames.append(Frame(isObject: false, start: elements.count)); continue }
                }
            case UInt8(ascii: "\""): value = .string(try string())
            case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
            case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
            case UInt8(ascii: "n"): try literal("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try number())
            default: throw .syntax("expected a value, found \(describe(bytes[pos]))", offset: pos)
            }
            // Attach the finished value, closing as many containers as end here.
            while !frames.isEmpty {
                skipSpace()
                guard pos < end else { throw .unexpectedEnd(offset: pos) }
                let top = frames.count - 1
                if !frames[top].isObject {
                    elements.append(value)
                    if bytes[pos] == UInt8(ascii: ",") { pos += 1; break }
                    guard bytes[pos] == UInt8(ascii: "]") else { throw .syntax("expected ',' or ']' in array, found \(describe(bytes[pos]))", offset: pos) }
                    pos += 1
                    let start = frames.removeLast().start
                    value = .array(Array(elements[start...]))
                    elements.removeSubrange(start...)
                } else {
                    addMember(value, to: top)
                    if bytes[pos] == UInt8(ascii: ",") {
                        pos += 1
                        skipSpace()
                        readingNextKey = true
                        let (k, o) = try key()
                        readingNextKey = false
                        frames[top].key = k
                        frames[top].keyOffset = o
                        frames[top].valueIssues = issues.count
                        break
                    }
                    guard bytes[pos] == UInt8(ascii: "}") else { throw .syntax("expected ',' or '}' in object, found \(describe(bytes[pos]))", offset: pos) }
                    pos += 1
                    let frame = frames.removeLast()
                    value = .object(JSONObject(uniqueMembers: Array(members[frame.start...]), index: frame.index))
                    members.removeSubrange(frame.start...)
                    memberIssues.removeSubrange(frame.start...)
                }
            }
            if frames.isEmpty { return value }
        }
    }

    /// Adds the value of the current key to the open object `top`; a duplicate key replaces the earlier
    /// value in its place (the last one wins, as in most JSON readers) and is reported.
    mutating func addMember(_ value: JSONValue, to top: Int) {
        let start = frames[top].start
        let key = frames[top].key
        let valueIssues = frames[top].valueIssues..<issues.count
        var existing: Int?
        if let index = frames[top].index {
            existing = index[key].map { start + $0 }
        } else {
            var i = start
            while i < members.count {
                if members[i].key == key { existing = i; break }
                i += 1
            }
        }
        if let existing {
            if !memberIssues[existing].isEmpty { voidedIssues.append(memberIssues[existing]) }
            memberIssues[existing] = valueIssues
            record(.duplicateKey, offset: frames[top].keyOffset, detail: key)
            members[existing].value = value
            return
        }
        members.append((key, value))
        memberIssues.append(valueIssues)
        let count = members.count - start
        if frames[top].index != nil {
            frames[top].index![key] = count - 1
        } else if count > JSONObject.indexThreshold {
            frames[top].index = JSONObject.makeIndex(members[start...])
        }
    }

    /// The issues recorded, less those inside values a duplicate key replaced.
    func keptIssues() -> [JSONIssue] {
        guard !voidedIssues.isEmpty else { return issues }
        var voided = [Bool](repeating: false, count: issues.count)
        for range in voidedIssues { for i in range { voided[i] = true } }
        return issues.indices.filter { !voided[$0] }.map { issues[$0] }
    }

    /// Reads `"key"` and the following colon.
    mutating func key() throws(JSONError) -> (String, Int) {
        guard peek(UInt8(ascii: "\"")) else {
            guard pos < end else { throw .unexpectedEnd(offset: pos) }
            throw .syntax("expected a string key, found \(describe(bytes[pos]))", offset: pos)
        }
        let offset = pos
        let k = try string()
        skipSpace()
        guard peek(UInt8(ascii: ":")) else {
            guard pos < end else { throw .unexpectedEnd(offset: pos) }
            throw .syntax("expected ':' after key, found \(describe(bytes[pos]))", offset: pos)
        }
        pos += 1
        return (k, offset)
    }

    /// The pointer of the value being parsed now (for issues), or of the object whose key is being read.
    /// An array's index is the number of its elements so far: its segment of `elements` ends where the
    /// next open array's begins.
    func currentPointer() -> JSONPointer {
        var tokens = [String](repeating: "", count: frames.count)
        var segmentEnd = elements.count
        for i in frames.indices.reversed() {
            let frame = frames[i]
            if frame.isObject {
                tokens[i] = frame.key
            } else {
                tokens[i] = String(segmentEnd - frame.start)
                segmentEnd = frame.start
            }
        }
        if readingNextKey { tokens.removeLast() }
        return JSONPointer(tokens: tokens)
    }
}
