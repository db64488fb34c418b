/// Reads everything a server offers into a `ServerSnapshot`. Never throws: failures are recorded
/// in the snapshot (`completeness`, `error`), odd events in its anomalies.
public struct Crawler: Sendable {
    /// The limits in force.
    public var options: CrawlOptions

    /// A crawler with the given options.
    public init(options: CrawlOptions = CrawlOptions()) { self.options = options }

    /// Crawls the server behind `transport`, then closes the transport (for stdio: the process
    /// group is gone when this returns). `target` names the server in the snapshot.
    public func crawl(_ transport: any MessageTransport, target: String) async -> ServerSnapshot {
        let driver = SessionDriver(transport: transport, options: options, target: target)
        let snapshot = await driver.run()
        await transport.close()
        return snapshot
    }

    /// Starts the stdio server `launch` and crawls it; a server that cannot be started gives a
    /// failed snapshot with a `spawn-failed` error.
    public func crawl(_ launch: StdioLaunch, target: String) async -> ServerSnapshot {
        let transport: StdioTransport
        do {
            transport = try StdioTransport.launch(launch)
        } catch {
            return .failed(target: target, error: error)
        }
        return await crawl(transport, target: target)
    }
}
