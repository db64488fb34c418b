// libFuzzer target: the YAML subset parser and the Intercept policy validator that uses it. Parse
// errors must name a line of the input; validation never crashes, whatever the document holds.
import Policy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    do {
        _ = try YAMLSubsetParser().parse(text)
    } catch {
        precondition((1...lines).contains(error.line), "error names line \(error.line) of \(lines): \(error.message)")
    }
    _ = InterceptValidator.validate(yaml: text)
    return 0
}
