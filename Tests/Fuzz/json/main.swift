// libFuzzer target: the JSON parser on arbitrary bytes. Beyond not crashing, hanging or ballooning:
// issues stay within their cap, every issue's pointer names a value of the document, and what the
// writer makes of the value parses back to the same value without issues.
import JSON

let limits = JSONLimits(maxBytes: 1 << 20, maxDepth: 16, maxIssues: 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let document = try? JSONParser(limits: limits).parse(bytes) else { return 0 }
    precondition(document.issues.count <= limits.maxIssues, "more issues than the cap")
    precondition(document.droppedIssues >= 0)
    for issue in document.issues {
        precondition(issue.pointer.resolve(in: document.value) != nil, "issue pointer \(issue.pointer) names nothing")
        precondition(issue.offset >= 0 && issue.offset < size, "issue offset \(issue.offset) outside the input")
    }
    guard !containsSkipped(document.value) else { return 0 }
    let text = document.value.compactText
    guard let again = try? JSONParser(limits: limits).parse(text) else { preconditionFailure("writer output does not parse: \(text)") }
    precondition(again.value == document.value, "round trip changed the value")
    precondition(again.issues.isEmpty, "writer output has issues: \(again.issues)")
    return 0
}

/// Skipped subtrees are written as a marker string, so they do not round-trip.
func containsSkipped(_ value: JSONValue) -> Bool {
    switch value {
    case .skipped: true
    case .array(let a): a.contains(where: containsSkipped)
    case .object(let o): o.members.contains { containsSkipped($0.value) }
    default: false
    }
}
