/// JSON text written token by token into a byte buffer: what `JSONWriter` writes a tree with, and
/// what the JSON and SARIF reports write with directly, one server at a time. The layout: compact
/// (`indent` nil) or members and elements on their own lines, empty containers as `{}` and `[]`.
public struct JSONOutput: Sendable {
    /// The text so far.
    public var buffer: TextBuffer
    /// Spaces per level; nil writes one line.
    public let indent: Int?
    /// Escape C1 controls and invisible characters in strings as `\uXXXX` (reports do).
    public let escapingInvisible: Bool
    /// Per open container: whether it has a member or element yet.
    private var open: [Bool]
    /// True right after a key: the value follows on the same line.
    private var afterKey = false

    /// A writer at the top level.
    public init(indent: Int?, escapingInvisible: Bool = false, capacity: Int = 0) {
        buffer = TextBuffer(capacity: capacity)
        self.indent = indent
        self.escapingInvisible = escapingInvisible
        open = []
    }

    /// A writer for one value that will sit `depth` containers deep (an element of a streamed array):
    /// its lines are indented for that depth, and nothing is written before it.
    public init(indent: Int?, escapingInvisible: Bool = false, depth: Int, capacity: Int = 0) {
        self.init(indent: indent, escapingInvisible: escapingInvisible, capacity: capacity)
        open = Array(repeating: true, count: depth)
        afterKey = true
    }

    /// Makes the next value start with nothing before it: the next element of a streamed array,
    /// whose separator its caller writes.
    public mutating func nextElementWithoutSeparator() { afterKey = true }

    /// The separator written before an element of an array `depth` containers deep: a comma unless
    /// it is the first, then the line break and indentation.
    public static func elementSeparator(first: Bool, depth: Int, indent: Int?) -> [UInt8] {
        var out = TextBuffer()
        if !first { out.append(byte: 0x2C) }
        if let indent { out.append(byte: 0x0A); out.append(spaces: indent * depth) }
        return out.bytes
    }

    /// The line break and indentation before a closing bracket at `depth` (nothing when compact).
    public static func closingBreak(depth: Int, indent: Int?) -> [UInt8] {
        guard let indent else { return [] }
        return [0x0A] + Array(repeating: 0x20, count: indent * depth)
    }

    private mutating func newline(_ level: Int) {
        guard let indent else { return }
        let width = indent * level
        if width < Self.breaks.count {
            Self.breaks.withUnsafeBufferPointer { buffer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0...width])) }
        } else {
            buffer.append(byte: 0x0A)
            buffer.append(spaces: width)
        }
    }

    /// A line break and the spaces of the deepest usual indentation.
    private static let breaks: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 63)

    /// Writes what comes before a value: nothing after a key, else a separator inside an array.
    public mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        guard !open.isEmpty else { return }
        if open[open.count - 1] { buffer.append(byte: 0x2C) } else { open[open.count - 1] = true }
        newline(open.count)
    }

    /// Starts a member of the open object.
    public mutating func key(_ name: String) {
        if open[open.count - 1] { buffer.append(byte: 0x2C) } else { open[open.count - 1] = true }
        newline(open.count)
        JSONEscaper.appendQuoted(name, escapingInvisible: escapingInvisible, to: &buffer)
        if indent == nil { buffer.append(byte: 0x3A) } else { buffer.append(": ") }
        afterKey = true
    }

    /// Starts a member whose name is a literal of plain ASCII (copied as it is, without escaping).
    public mutating func field(_ name: StaticString) {
        if open[open.count - 1] { buffer.append(byte: 0x2C) } else { open[open.count - 1] = true }
        newline(open.count)
        buffer.append(byte: 0x22)
        buffer.append(name)
        if indent == nil { buffer.append("\":") } else { buffer.append("\": ") }
        afterKey = true
    }

    /// Starts an object.
    public mutating func beginObject() { beforeValue(); buffer.append(byte: 0x7B); open.append(false) }
    /// Ends the open object.
    public mutating func endObject() { close(0x7D) }
    /// Starts an array.
    public mutating func beginArray() { beforeValue(); buffer.append(byte: 0x5B); open.append(false) }
    /// Ends the open array.
    public mutating func endArray() { close(0x5D) }

    private mutating func close(_ bracket: UInt8) {
        if open.removeLast() { newline(open.count) }
        buffer.append(byte: bracket)
    }

    /// A string value.
    public mutating func string(_ s: String) {
        beforeValue()
        JSONEscaper.appendQuoted(s, escapingInvisible: escapingInvisible, to: &buffer)
    }

    /// A string value made of `pieces` (see `JSONEscaper.appendQuoted(pieces:)`).
    public mutating func string(pieces: [String]) {
        beforeValue()
        JSONEscaper.appendQuoted(pieces: pieces, escapingInvisible: escapingInvisible, to: &buffer)
    }

    /// A string value, or null.
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }

    /// A number exactly as written.
    public mutating func number(_ text: String) { beforeValue(); buffer.append(text) }
    /// An integer.
    public mutating func int(_ n: Int) { beforeValue(); buffer.append(decimal: n) }
    /// `true` or `false`.
    public mutating func bool(_ b: Bool) { beforeValue(); if b { buffer.append("true") } else { buffer.append("false") } }
    /// `null`.
    public mutating func null() { beforeValue(); buffer.append("null") }

    /// `"name": value` for a string.
    public mutating func member(_ name: StaticString, _ value: String) { field(name); string(value) }
    /// `"name": value` for an optional string (null when absent).
    public mutating func member(_ name: StaticString, _ value: String?) { field(name); string(value) }
    /// `"name": n`.
    public mutating func member(_ name: StaticString, _ value: Int) { field(name); int(value) }
    /// `"name": true|false`.
    public mutating func member(_ name: StaticString, _ value: Bool) { field(name); bool(value) }
}
