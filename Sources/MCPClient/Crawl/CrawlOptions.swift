/// Limits and identity for one crawl.
public struct CrawlOptions: Sendable, Hashable {
    /// Seconds to wait for the answer to each request.
    public var requestTimeout: Double
    /// Seconds for the whole crawl of one server (the CLI's `--timeout`).
    public var totalTimeout: Double
    /// The most pages read per list.
    public var maxPages: Int
    /// The most entries kept per list.
    public var maxEntries: Int
    /// The most anomalies kept per server.
    public var maxAnomalies: Int
    /// `clientInfo.name` sent to servers.
    public var clientName: String
    /// `clientInfo.version` sent to servers.
    public var clientVersion: String
    /// Whether each prompt's body is read with `prompts/get` (placeholder arguments); `--no-prompt-bodies` turns it off.
    public var readPromptBodies: Bool = true
    /// The most prompt bodies read per server.
    public var maxPromptBodies: Int = 1_000
    /// The most bytes of prompt bodies (compact JSON) kept per server; a body past it is an anomaly, not inspected.
    public var maxPromptBodyBytes: Int = 4 << 20

    /// Options from explicit values; the defaults are 30 s per request, 120 s per server, 100 pages, 10 000 entries.
    public init(requestTimeout: Double = 30, totalTimeout: Double = 120, maxPages: Int = 100, maxEntries: Int = 10_000,
                maxAnomalies: Int = 200, clientName: String = ClientIdentity.name, clientVersion: String = ClientIdentity.version) {
        self.requestTimeout = requestTimeout
        self.totalTimeout = totalTimeout
        self.maxPages = maxPages
        self.maxEntries = maxEntries
        self.maxAnomalies = maxAnomalies
        self.clientName = clientName
        self.clientVersion = clientVersion
    }

    /// The session machine's share of these options.
    var sessionConfiguration: SessionMachine.Configuration {
        SessionMachine.Configuration(clientName: clientName, clientVersion: clientVersion, maxPages: maxPages,
                                     maxEntries: maxEntries, maxAnomalies: maxAnomalies, readPromptBodies: readPromptBodies,
                                     maxPromptBodies: maxPromptBodies, maxPromptBodyBytes: maxPromptBodyBytes)
    }
}
