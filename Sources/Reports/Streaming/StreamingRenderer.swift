import Risk
import TextOutput

/// Where a finished report's bytes go: a file, standard output, or memory.
public protocol ByteSink: AnyObject {
    /// Writes `bytes` after everything written before.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    /// Writes a byte array.
    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
    /// Writes a buffer's bytes.
    public func write(_ buffer: TextBuffer) throws { try write(buffer.bytes) }
}

/// Bytes kept in order while a report is written, read back when it is finished: the servers'
/// parts of a document whose head can only be written once every server is in.
public protocol Spool: AnyObject {
    /// The number of bytes appended.
    var count: Int { get }
    /// Appends bytes.
    func append(_ bytes: UnsafeRawBufferPointer) throws
    /// Writes the bytes in `range` to `sink`.
    func copy(_ range: Range<Int>, to sink: any ByteSink) throws
}

extension Spool {
    /// Appends a byte array.
    public func append(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try append($0) } }
    /// Writes everything appended to `sink`.
    public func copyAll(to sink: any ByteSink) throws { try copy(0..<count, to: sink) }
}

/// A spool and a sink in memory: what `render(_:)` uses to return a report as one string.
public final class MemoryBytes: Spool, ByteSink {
    /// The bytes.
    public private(set) var bytes: [UInt8] = []

    /// An empty store.
    public init() {}

    public var count: Int { bytes.count }
    public func append(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public func write(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public func copy(_ range: Range<Int>, to sink: any ByteSink) throws {
        try bytes.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The bytes as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// One server's share of a report, rendered on its own (in parallel with others, in any order).
public struct ServerParts: Sendable {
    /// Bytes for each of the format's spools, in spool order.
    public var channels: [TextBuffer]
    /// Results in `channels[0]` a format may reorder or leave out when it finishes (SARIF).
    var results: [ResultMark] = []

    /// Parts from their channels.
    public init(channels: [TextBuffer]) { self.channels = channels }
}

/// A result inside a server's parts: where its bytes are and what decides whether it is kept.
struct ResultMark: Sendable {
    /// Its bytes in the parts' first channel.
    var range: Range<Int>
    /// Its severity (the most severe results are kept when there are too many).
    var severity: Severity
    /// The rule it reports, and what a descriptor for an unlisted rule would say.
    var ruleId: String
    var confidence: Confidence
    /// Where, inside `range`, the rule's index in the run's rule list is written.
    var ruleIndexAt: Int
}

/// A report format that can be written one server at a time: `parts` renders a server (pure, from
/// any thread), an assembler takes the parts in server order and writes the document at the end.
/// `render(_:)` of every format is this with everything in memory, so both give the same bytes.
public protocol StreamingRenderer: Sendable {
    /// One server's parts; `index` is its position in the report.
    func parts(_ server: ServerReport, index: Int) -> ServerParts
    /// The in-order stage, keeping parts in spools made by `makeSpool`.
    func assembler(makeSpool: () throws -> any Spool) throws -> any ReportAssembler
}

/// The in-order stage of a streamed report.
public protocol ReportAssembler: AnyObject {
    /// Takes the next server's parts.
    func add(_ parts: ServerParts) throws
    /// Writes the whole document to `sink`, given the totals over every server added.
    func finish(_ totals: ReportTotals, generator: Report.Generator, to sink: any ByteSink) throws
}

extension StreamingRenderer {
    /// The whole report, rendered in memory through the streaming stages.
    func renderInMemory(_ report: Report) -> String {
        do {
            let assembler = try assembler(makeSpool: { MemoryBytes() })
            for (i, server) in report.servers.enumerated() { try assembler.add(parts(server, index: i)) }
            let out = MemoryBytes()
            try assembler.finish(ReportTotals(report), generator: report.generator, to: out)
            return out.text
        } catch {
            preconditionFailure("writing to memory cannot fail: \(error)")
        }
    }
}

/// The assembler of formats whose servers' parts are concatenated per spool: each spool's parts
/// in order, with an optional separator before all but the first non-empty part.
final class ConcatenatingAssembler: ReportAssembler {
    /// What `finish` writes around the spools.
    typealias Finish = (_ totals: ReportTotals, _ generator: Report.Generator, _ spools: Spools, _ sink: any ByteSink) throws -> Void

    /// The spools as `finish` sees them.
    struct Spools {
        let spools: [any Spool]
        /// Non-empty parts added to each spool.
        let parts: [Int]
        /// Writes spool `k` to `sink`.
        func copy(_ k: Int, to sink: any ByteSink) throws { try spools[k].copyAll(to: sink) }
    }

    private let spools: [any Spool]
    private let separators: [[UInt8]]
    private var parts: [Int]
    private let finishing: Finish

    /// An assembler of `separators.count` spools.
    init(separators: [[UInt8]], makeSpool: () throws -> any Spool, finish: @escaping Finish) throws {
        self.separators = separators
        spools = try separators.map { _ in try makeSpool() }
        parts = Array(repeating: 0, count: separators.count)
        finishing = finish
    }

    func add(_ server: ServerParts) throws {
        for (k, part) in server.channels.enumerated() where !part.isEmpty {
            if parts[k] > 0 && !separators[k].isEmpty { try spools[k].append(separators[k]) }
            try spools[k].append(part.bytes)
            parts[k] += 1
        }
    }

    func finish(_ totals: ReportTotals, generator: Report.Generator, to sink: any ByteSink) throws {
        try finishing(totals, generator, Spools(spools: spools, parts: parts), sink)
    }
}
