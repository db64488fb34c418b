import Foundation

extension DemoHTTPServer {
    /// Serves `demo` over HTTP on 127.0.0.1:`port` (0 picks a free port).
    public convenience init(port: UInt16 = 0, mode: DemoHTTPMode = .both, style: DemoHTTPResponseStyle = .sse,
                            demo: DemoServer) throws(LoopbackHTTPError) {
        try self.init(port: port, mode: mode, style: style, handler: { demo.handle($0) })
    }
}

extension DemoServer {
    /// Serves this demo over HTTP on 127.0.0.1:`port` until the process is killed. Prints one line on
    /// stdout naming the URLs (with the chosen port when `port` is 0), for people and test scripts.
    public func serveHTTP(port: UInt16, mode: DemoHTTPMode = .both) throws(LoopbackHTTPError) -> Never {
        let server = try DemoHTTPServer(port: port, mode: mode, demo: self)
        var urls: [String] = []
        if mode != .sse { urls.append("Streamable HTTP \(server.streamableURL)") }
        if mode != .streamable { urls.append("legacy SSE \(server.sseURL)") }
        let line = "mcprisk demo server listening on 127.0.0.1:\(server.port): \(urls.joined(separator: ", "))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        while true { withExtendedLifetime(server) { _ = sleep(3600) } }
    }
}
