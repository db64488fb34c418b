#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

/// Line I/O for the fixture: one JSON-RPC message per line on stdout, logs on stderr.
enum FixtureIO {
    /// Writes `text` and a newline to stdout, all of it.
    static func line(_ text: String) { writeAll(1, text + "\n") }

    /// Writes one message.
    static func send(_ message: JSONValue) { line(message.compactText) }

    /// Writes to stderr.
    static func log(_ text: String) { writeAll(2, text + "\n") }

    /// Writes every byte to `fd`.
    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; exit(9) }
            bytes = bytes.dropFirst(n)
        }
    }

    /// The next message from stdin, skipping blank lines; nil at end of input.
    static func receive() -> JSONValue? {
        while let text = readLine(strippingNewline: true) {
            if text.isEmpty { continue }
            if let value = try? JSONParser(limits: JSONLimits(maxDepth: 512)).parse(text).value { return value }
            log("fixture: cannot parse \(text)")
        }
        return nil
    }

    /// Sleeps forever (until killed).
    static func sleepForever() -> Never {
        while true { sleep(1000) }
    }
}

/// A request the client sent.
struct Request {
    var id: JSONValue
    var method: String
    var params: JSONValue?

    /// The cursor of a list request.
    var cursor: String? { params?["cursor"]?.stringValue }
}

/// How the fixture answers one request.
enum Reply {
    case result(JSONValue)
    case error(code: Int, message: String, data: JSONValue? = nil)
    /// A raw line written instead of a built message.
    case raw(String)
    case none
}

/// The request loop: answers requests through `handle`, ignores notifications and responses,
/// exits 0 at end of input.
func serve(_ handle: (Request) -> Reply) -> Never {
    while let message = FixtureIO.receive() {
        guard let method = message["method"]?.stringValue else { continue }
        guard let id = message["id"] else {
            if method == "notifications/initialized" { Session.initialized = true }
            continue
        }
        reply(to: Request(id: id, method: method, params: message["params"]), handle)
    }
    exit(0)
}

/// Writes the answer to one request.
func reply(to request: Request, _ handle: (Request) -> Reply) {
    switch handle(request) {
    case .result(let result):
        FixtureIO.send(["jsonrpc": "2.0", "id": request.id, "result": result])
    case .error(let code, let message, let data):
        var error: JSONObject = JSONObject([("code", .int(code)), ("message", .string(message))])
        if let data { error["data"] = data }
        FixtureIO.send(["jsonrpc": "2.0", "id": request.id, "error": .object(error)])
    case .raw(let text):
        FixtureIO.line(text)
    case .none:
        break
    }
}

/// Session state shared by the modes.
enum Session {
    nonisolated(unsafe) static var initialized = false
}
