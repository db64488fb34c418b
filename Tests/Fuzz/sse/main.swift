// libFuzzer target: the server-sent events framer. The first byte picks a chunk size; the rest is the
// stream. Whatever the chunking, the framer must give the same events (or fail the same way) as when
// fed the whole stream at once, and never hold more than its event limit.
import MCPClient

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let chunk = 1 + Int(data[0] % 16)
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = run([stream[...]])
    let pieces = stride(from: 0, to: stream.count, by: chunk).map { stream[$0..<min($0 + chunk, stream.count)] }
    let chunked = run(pieces)
    precondition(whole.failed == chunked.failed, "chunking changed whether the stream failed")
    if !whole.failed { precondition(whole.events == chunked.events, "chunking changed the events") }
    return 0
}

let maxEventBytes = 256

func run(_ chunks: [ArraySlice<UInt8>]) -> (events: [SSEEvent], failed: Bool) {
    var framer = SSEFramer(maxEventBytes: maxEventBytes)
    var events: [SSEEvent] = []
    for c in chunks {
        do { events += try framer.feed(c) } catch { return (events, true) }
    }
    events += framer.finish()
    // The limit is on bytes received; each becomes at most one scalar (a bad byte becomes U+FFFD).
    for e in events { precondition(e.data.unicodeScalars.count <= maxEventBytes, "event larger than the limit") }
    return (events, false)
}
