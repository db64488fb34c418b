import JSON

/// The JSON-RPC session of a crawl as a pure value: fed each incoming event, it says what to send
/// next, and accumulates the snapshot. It knows nothing of processes or sockets, so stdio and HTTP
/// transports drive the same machine. One request is in flight at a time.
public struct SessionMachine: Sendable {
    /// Limits and identity of the client.
    public struct Configuration: Sendable, Hashable {
        /// `clientInfo.name`.
        public var clientName: String
        /// `clientInfo.version`.
        public var clientVersion: String
        /// The most pages read per list.
        public var maxPages: Int
        /// The most entries kept per list.
        public var maxEntries: Int
        /// The most anomalies kept.
        public var maxAnomalies: Int
        /// Whether each prompt's body is read with `prompts/get` (placeholder arguments).
        public var readPromptBodies: Bool
        /// The most prompt bodies read.
        public var maxPromptBodies: Int
        /// The most bytes of prompt bodies (compact JSON) kept.
        public var maxPromptBodyBytes: Int

        /// A configuration from its parts.
        public init(clientName: String = ClientIdentity.name, clientVersion: String = ClientIdentity.version, maxPages: Int = 100,
                    maxEntries: Int = 10_000, maxAnomalies: Int = 200, readPromptBodies: Bool = true, maxPromptBodies: Int = 1_000,
                    maxPromptBodyBytes: Int = 4 << 20) {
            self.clientName = clientName; self.clientVersion = clientVersion
            self.maxPages = maxPages; self.maxEntries = maxEntries; self.maxAnomalies = maxAnomalies
            self.readPromptBodies = readPromptBodies; self.maxPromptBodies = maxPromptBodies
            self.maxPromptBodyBytes = maxPromptBodyBytes
        }
    }

    /// Where the session is.
    public enum Phase: Sendable, Hashable {
        case idle
        /// Waiting for the `initialize` answer.
        case initializing
        /// Waiting for the `server/discover` answer (stateless revision).
        case discovering
        /// Reading page `page` (from 1) of a list.
        case listing(ListKind, page: Int)
        /// Reading the body of the prompt at this index (`prompts/get`).
        case gettingPrompt(Int)
        case finished
    }

    /// Which generation of the protocol the session speaks.
    public enum Era: Sendable, Hashable {
        /// `initialize` handshake (2024-11-05 … 2025-11-25).
        case initialize
        /// Stateless: `server/discover` and a `_meta` envelope on every request (2026-07-28).
        case stateless
    }

    /// What the driver must do.
    public enum Action: Sendable, Hashable {
        /// Send this message.
        case send(JSONValue)
        /// The session is over; read `result`.
        case finish
    }

    /// The current phase.
    public internal(set) var phase: Phase = .idle
    /// The era in use.
    public internal(set) var era: Era = .initialize
    /// The id of the request awaiting an answer.
    public var pendingRequestID: Int? { pending?.id }

    let configuration: Configuration
    var snapshot: ServerSnapshot
    var anomalies: AnomalyLog
    var nextID = 1
    var pending: (id: Int, method: String, params: JSONValue?)?
    var remainingLists: [ListKind] = []
    var intake = ListIntake(kind: .tools)
    var cursorsSeen: Set<String> = []
    var currentCursor: String?
    var handshakeDone = false
    var anyListPageRead = false
    var toolsAdvertised = true
    var modernVersion: String?
    var triedModernVersions: Set<String> = []
    var promptBodyBytes = 0

    /// A session that will crawl `target` (the name is only recorded in the snapshot).
    public init(target: String, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.snapshot = ServerSnapshot(target: target)
        self.anomalies = AnomalyLog(limit: configuration.maxAnomalies)
    }

    /// True once the session has ended, successfully or not.
    public var isFinished: Bool { phase == .finished }

    /// The step under way, for error messages: `initialize`, `tools/list (page 2)`, ….
    public var currentStep: String {
        switch phase {
        case .idle: "start"
        case .initializing: "initialize"
        case .discovering: "server/discover"
        case .listing(let kind, let page): page == 1 ? kind.method : "\(kind.method) (page \(page))"
        case .gettingPrompt(let index): "prompts/get (\(Sanitize.quote(snapshot.definitions.prompts[index]["name"]?.stringValue ?? "#\(index)", limit: 60)))"
        case .finished: "shutdown"
        }
    }

    /// The snapshot so far (final once `isFinished`).
    public var result: ServerSnapshot {
        var s = snapshot
        s.anomalies = anomalies.all
        return s
    }

    /// Begins the session: the `initialize` request.
    public mutating func start() -> [Action] {
        guard phase == .idle else { return [] }
        phase = .initializing
        let params: JSONValue = .object(JSONObject([
            ("protocolVersion", .string(ProtocolVersions.offered)),
            ("capabilities", .object(JSONObject())),
            ("clientInfo", clientInfo),
        ]))
        return [request("initialize", params)]
    }

    /// Handles one event from the transport.
    public mutating func receive(_ event: TransportEvent) -> [Action] {
        guard !isFinished else { return [] }
        switch event {
        case .anomaly(let anomaly):
            anomalies.add(anomaly)
            return []
        case .oversized(let limit):
            // A prompt body too long to read is one prompt not inspected; any other answer too long to read
            // leaves the lists unknown, and the scan cannot be complete.
            if case .gettingPrompt(let index) = phase, pending != nil {
                pending = nil
                return recordPromptFailure(index, "the answer is longer than \(limit) bytes; it was discarded unread")
            }
            return fail(.limitExceeded(step: currentStep, detail: "a stdout line is longer than \(limit) bytes"))
        case .message(.array(let batch), let issues):
            var actions: [Action] = []
            for (index, element) in batch.enumerated() where !isFinished {
                let mine = issues.compactMap { issue -> JSONIssue? in
                    guard issue.pointer.tokens.first == String(index) else { return nil }
                    return issue.moved(to: JSONPointer(tokens: Array(issue.pointer.tokens.dropFirst())))
                }
                actions += handle(element, issues: mine)
            }
            return actions
        case .message(let message, let issues):
            return handle(message, issues: issues)
        }
    }

    /// Ends the session with `error` (a timeout, the server exiting, a transport failure).
    public mutating func fail(_ error: MCPError) -> [Action] {
        guard !isFinished else { return [] }
        phase = .finished
        pending = nil
        snapshot.error = error
        snapshot.completeness = handshakeDone && anyListPageRead ? .partial : .failed
        return [.finish]
    }

    mutating func finishSuccessfully() -> [Action] {
        phase = .finished
        pending = nil
        snapshot.completeness = .complete
        snapshot.error = nil
        return [.finish]
    }

    private mutating func handle(_ message: JSONValue, issues: [JSONIssue]) -> [Action] {
        switch JSONRPC.classify(message) {
        case .request(let id, let method):
            if method == "ping" { return [.send(JSONRPC.result(id: id, .object(JSONObject())))] }
            anomalies.add(kind: "server-request", "the server sent a \(Sanitize.quote(method, limit: 80)) request; answered \(JSONRPC.methodNotFound) (method not found)")
            return [.send(JSONRPC.error(id: id, code: JSONRPC.methodNotFound, message: "Method not found"))]
        case .notification:
            return []
        case .result(let id, let result):
            guard let pending, id.numberText == String(pending.id) else {
                anomalies.add(kind: "unknown-response-id", "a response to id \(Sanitize.quote(id.compactText, limit: 60)), which is not the pending request; ignored")
                return []
            }
            self.pending = nil
            return handleResult(result, issues: issues)
        case .error(let id, let code, let text, let data):
            guard let pending else {
                anomalies.add(kind: "unknown-response-id", "an error response (\(code): \(Sanitize.quote(text, limit: 200))) with no request pending; ignored")
                return []
            }
            if let id, id.numberText != String(pending.id) {
                anomalies.add(kind: "unknown-response-id", "an error response to id \(Sanitize.quote(id.compactText, limit: 60)), which is not the pending request; ignored")
                return []
            }
            if id == nil {
                anomalies.add(kind: "uncorrelated-error", "an error response without an id; taken as the answer to \(currentStep)")
            }
            self.pending = nil
            return handleError(code: code, message: text, data: data)
        case .invalid(let reason):
            anomalies.add(kind: "invalid-message", "a message that is not JSON-RPC (\(reason)): \(Sanitize.quote(message.compactText, limit: 200))")
            return []
        }
    }

    /// Sends a request and remembers it as pending.
    mutating func request(_ method: String, _ params: JSONValue?) -> Action {
        let id = nextID
        nextID += 1
        pending = (id, method, params)
        return .send(JSONRPC.request(id: id, method: method, params: params))
    }

    var clientInfo: JSONValue {
        .object(JSONObject([("name", .string(configuration.clientName)), ("version", .string(configuration.clientVersion))]))
    }
}
