// libFuzzer target: the JSON-with-comments reader (VS Code, Zed configs). Stripping comments and
// trailing commas must keep every byte position and newline, and the result goes through the
// JSON parser with the config limits.
import JSON
@testable import Scanner

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let stripped = JSONC.strip(text)
    let before = Array(text.utf8), after = Array(stripped.utf8)
    precondition(before.count == after.count, "strip changed the length")
    for i in before.indices where (before[i] == 0x0A) != (after[i] == 0x0A) {
        preconditionFailure("strip moved a newline at byte \(i)")
    }
    _ = try? JSONParser(limits: JSONLimits(maxBytes: 16 << 20, maxDepth: 64)).parse(stripped)
    _ = try? ClientConfigReader(environment: ["HOME": "/home/fuzz"]).servers(inText: text, path: "fuzz.json")
    return 0
}
