extension Crawler {
    /// Connects to the remote server `options` names (Streamable HTTP, falling back to legacy HTTP+SSE)
    /// and crawls it. The snapshot's target is `options.redactedTarget`: no secret reaches it. A server
    /// that cannot be reached gives a failed snapshot with the connection error.
    public func crawl(remote options: RemoteOptions) async -> ServerSnapshot {
        let target = options.redactedTarget
        let transport: any MessageTransport
        do {
            transport = try await RemoteConnector.connect(options)
        } catch {
            return .failed(target: target, error: error)
        }
        return await crawl(transport, target: target)
    }
}
