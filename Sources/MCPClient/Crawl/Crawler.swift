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
}
