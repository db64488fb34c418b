/// One server-sent event, as dispatched by the WHATWG event-stream rules.
public struct SSEEvent: Sendable, Hashable {
    /// The event type; `message` when the stream named none.
    public var event: String
    /// The `data:` lines joined with `\n`.
    public var data: String
    /// The last event ID in force when the event was dispatched, if any was ever set.
    public var id: String?
    /// The reconnection time (ms) in force when the event was dispatched, if the stream set one.
    public var retry: Int?

    /// An event from its parts.
    public init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event; self.data = data; self.id = id; self.retry = retry
    }
}

/// Splits a `text/event-stream` byte stream into events. A pure value: feed it bytes in any chunks and
/// it yields the same events. Handles `\r\n`, `\r` and `\n` line endings (also split across chunks),
/// comments, multi-line data, a leading BOM, and refuses events larger than `maxEventBytes`.
public struct SSEFramer: Sendable {
    /// The largest event (pending line plus data so far) accepted, in bytes.
    public let maxEventBytes: Int
    /// The last event ID seen (`id:` field), kept across events as the spec says.
    public private(set) var lastEventID: String?
    /// The reconnection time (ms) the stream asked for with `retry:`.
    public private(set) var retry: Int?

    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: [UInt8] = []
    private var atStreamStart = true
    private var bomBytesMatched = 0
    private var lastWasCR = false
    private var failed = false

    /// A framer that accepts events up to `maxEventBytes` (default 8 MiB).
    public init(maxEventBytes: Int = 8 << 20) { self.maxEventBytes = max(16, maxEventBytes) }

    /// Consumes bytes and returns the events they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(MCPError) -> [SSEEvent] {
        guard !failed else { throw Self.tooLarge(maxEventBytes) }
        var events: [SSEEvent] = []
        for byte in bytes {
            if atStreamStart {
                // A UTF-8 BOM (EF BB BF) is skipped only at the very start of the stream.
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if byte == bom[bomBytesMatched] {
                    bomBytesMatched += 1
                    if bomBytesMatched == 3 { atStreamStart = false }
                    continue
                }
                atStreamStart = false
                if bomBytesMatched > 0 {
                    // Not a BOM after all: the bytes held back belong to the first line.
                    let held = bom[0..<bomBytesMatched]
                    bomBytesMatched = 0
                    for b in held { try consume(b, into: &events) }
                }
            }
            try consume(byte, into: &events)
        }
        return events
    }

    /// Ends the stream. Per the spec an event not terminated by a blank line is discarded.
    public mutating func finish() -> [SSEEvent] {
        line = []; data = []; hasData = false; eventType = []
        return []
    }

    private mutating func consume(_ byte: UInt8, into events: inout [SSEEvent]) throws(MCPError) {
        switch byte {
        case 0x0A: // LF
            if lastWasCR { lastWasCR = false; return }  // the LF of a CRLF pair
            endLine(into: &events)
        case 0x0D: // CR
            lastWasCR = true
            endLine(into: &events)
        default:
            lastWasCR = false
            line.append(byte)
            if line.count + data.count > maxEventBytes {
                failed = true
                throw Self.tooLarge(maxEventBytes)
            }
        }
    }

    private mutating func endLine(into events: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            dispatch(into: &events)
            return
        }
        if line[0] == 0x3A { return }  // ':' comment, used as keep-alive
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: 0x3A) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == 0x20 { value = value.dropFirst() }
        } else {
            field = line[...]
            value = []
        }
        switch String(decoding: field, as: UTF8.self) {
        case "event":
            eventType = Array(value)
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        case "id":
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.count <= 9, value.allSatisfy({ (0x30...0x39).contains($0) }) {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        default:
            break  // unknown fields are ignored
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer { data.removeAll(keepingCapacity: true); hasData = false; eventType.removeAll() }
        guard hasData else { return }
        let type = eventType.isEmpty ? "message" : String(decoding: eventType, as: UTF8.self)
        events.append(SSEEvent(event: type, data: String(decoding: data, as: UTF8.self), id: lastEventID, retry: retry))
    }

    private static func tooLarge(_ limit: Int) -> MCPError {
        .limitExceeded(step: "reading the SSE stream", detail: "an event exceeded \(limit) bytes")
    }
}
