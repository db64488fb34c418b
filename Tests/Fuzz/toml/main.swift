// libFuzzer target: the Codex config.toml reader. It either reads servers, whose values must be valid
// JSON (numbers included), or fails with an error that names a line of the input.
import JSON
@testable import Scanner

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    do {
        let servers = try CodexTOML.servers(in: text, path: "f.toml")
        let json = servers.compactText
        guard let again = try? JSONValue(parsing: json), again == servers else { preconditionFailure("not valid JSON: \(json)") }
        _ = try? ClientConfigReader(environment: [:]).servers(inText: text, path: "f.toml")
    } catch {
        let message = error.message
        precondition(message.hasPrefix("f.toml:"), "error without the file: \(message)")
        let digits = message.dropFirst("f.toml:".count).prefix { $0.isNumber }
        guard let line = Int(digits) else { preconditionFailure("error without a line: \(message)") }
        precondition((1...lines).contains(line), "error names line \(line) of \(lines): \(message)")
    }
    return 0
}
