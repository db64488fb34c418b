import Foundation
import JSON

extension DemoServer {
    /// Serves this demo over stdio (one JSON-RPC message per line) until stdin closes.
    public func serveStdio() -> Never {
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty else { continue }
            let reply: JSONValue?
            do {
                reply = handle(try JSONValue(parsing: line))
            } catch {
                reply = ["jsonrpc": "2.0", "id": nil, "error": ["code": -32700, "message": .string("Parse error: \(error)")]]
            }
            if let reply {
                // One unbuffered write per message, so a reply is never stuck in a buffer.
                FileHandle.standardOutput.write(Data((reply.compactText + "\n").utf8))
            }
        }
        exit(0)
    }
}
