// libFuzzer target: the newline framer of stdio transports, and the line decoder behind it. The first
// byte picks a chunk size; the rest is the stream. Lines never exceed the limit nor hold a newline, and
// chunking never changes what comes out.
import JSON
import MCPClient

let maxLineBytes = 64

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let chunk = 1 + Int(data[0] % 16)
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = run([stream[...]])
    let chunked = run(stride(from: 0, to: stream.count, by: chunk).map { stream[$0..<min($0 + chunk, stream.count)] })
    precondition(whole == chunked, "chunking changed the lines")
    let parser = JSONParser(limits: JSONLimits(maxBytes: maxLineBytes + 1, maxDepth: 8))
    for case .line(let line) in whole {
        precondition(line.count <= maxLineBytes && !line.contains(0x0A), "a line breaks the limit")
        _ = LineDecoder.event(for: line, parser: parser)
    }
    return 0
}

func run(_ chunks: [ArraySlice<UInt8>]) -> [NewlineFramer.Output] {
    var framer = NewlineFramer(maxLineBytes: maxLineBytes)
    var out: [NewlineFramer.Output] = []
    for c in chunks { out += framer.feed(c) }
    out += framer.finish()
    precondition(framer.pendingBytes == 0)
    return out
}
