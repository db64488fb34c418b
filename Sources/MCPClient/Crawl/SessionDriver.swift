/// Runs a `SessionMachine` against a transport: a reader task feeds events in, timers feed
/// timeouts in, and one loop applies them in order, so the machine sees a single sequence.
actor SessionDriver {
    private enum Input: Sendable {
        case event(TransportEvent)
        case ended
        case failed(MCPError)
        case requestTimeout(id: Int)
        case totalTimeout
    }

    private let transport: any MessageTransport
    private let options: CrawlOptions
    private var machine: SessionMachine
    private var requestTimer: Task<Void, Never>?
    private var timedRequestID: Int?

    init(transport: any MessageTransport, options: CrawlOptions, target: String) {
        self.transport = transport
        self.options = options
        self.machine = SessionMachine(target: target, configuration: options.sessionConfiguration)
    }

    /// Runs the session to its end and returns the snapshot.
    func run() async -> ServerSnapshot {
        // Bounded buffer: when it is full the reader waits, so a flooding server meets backpressure.
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .bufferingOldest(64))
        let transport = self.transport
        let reader = Task {
            while true {
                let input: Input
                do throws(MCPError) {
                    if let event = try await transport.receive() { input = .event(event) } else { input = .ended }
                } catch {
                    input = .failed(error)
                }
                guard await Self.deliver(input, to: continuation) else { return }
                if case .event = input { continue }
                return
            }
        }
        let total = Task { [options] in
            guard (try? await Task.sleep(nanoseconds: Self.nanoseconds(options.totalTimeout))) != nil else { return }
            continuation.yield(.totalTimeout)
        }
        await perform(machine.start(), continuation)
        if !machine.isFinished {
            for await input in inputs {
                await apply(input, continuation)
                if machine.isFinished { break }
            }
        }
        continuation.finish()
        reader.cancel()
        total.cancel()
        requestTimer?.cancel()
        return machine.result
    }

    /// Yields `input`, waiting while the buffer is full; false once the stream has ended.
    private static func deliver(_ input: Input, to continuation: AsyncStream<Input>.Continuation) async -> Bool {
        while true {
            switch continuation.yield(input) {
            case .enqueued: return true
            case .terminated: return false
            case .dropped:
                if Task.isCancelled { return false }
                try? await Task.sleep(nanoseconds: 1_000_000)
            @unknown default: return false
            }
        }
    }

    private func apply(_ input: Input, _ continuation: AsyncStream<Input>.Continuation) async {
        switch input {
        case .event(let event):
            await perform(machine.receive(event), continuation)
        case .ended:
            let status = await transport.endDescription()
            await failWith(.serverExited(step: machine.currentStep, status: status, stderrTail: ""))
        case .failed(let error):
            await failWith(error)
        case .requestTimeout(let id):
            guard machine.pendingRequestID == id else { return }
            // A prompt body that does not come is an anomaly; any other request that does not come ends the crawl.
            let tail = StderrTail.excerpt(await transport.diagnostics())
            await perform(machine.requestTimedOut(after: options.requestTimeout, stderrTail: tail), continuation)
        case .totalTimeout:
            await failWith(.timeout(step: "\(machine.currentStep) (the whole scan of this server)", seconds: options.totalTimeout, stderrTail: ""))
        }
    }

    /// Sends what the machine asks for, then (re)arms the timer for the pending request.
    private func perform(_ actions: [SessionMachine.Action], _ continuation: AsyncStream<Input>.Continuation) async {
        for action in actions {
            guard case .send(let message) = action, !machine.isFinished else { continue }
            do throws(MCPError) {
                try await transport.send(message)
            } catch {
                await failWith(error)
                return
            }
        }
        guard let id = machine.pendingRequestID, id != timedRequestID else { return }
        timedRequestID = id
        requestTimer?.cancel()
        requestTimer = Task { [options] in
            guard (try? await Task.sleep(nanoseconds: Self.nanoseconds(options.requestTimeout))) != nil else { return }
            continuation.yield(.requestTimeout(id: id))
        }
    }

    /// Ends the session with `error`, naming the current step and quoting the server's stderr.
    private func failWith(_ error: MCPError) async {
        let tail = StderrTail.excerpt(await transport.diagnostics())
        _ = machine.fail(error.during(machine.currentStep, stderrTail: tail))
    }

    private static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, min(seconds, 1e9)) * 1e9) }
}

/// The end of what a server wrote out of band, made safe and short enough to quote in an error.
enum StderrTail {
    /// The last `limit` characters of `text`, trimmed, line breaks shown as ` | `, controls escaped.
    static func excerpt(_ text: String, limit: Int = 600) -> String {
        let trimmed = text.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: "\n")
        let scalars = Array(trimmed.unicodeScalars)
        let tail = scalars.count > limit ? "…" + String(String.UnicodeScalarView(scalars.suffix(limit))) : trimmed
        return tail.split(separator: "\n").map { Sanitize.quote(String($0), limit: limit) }.joined(separator: " | ")
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }
}

extension MCPError {
    /// This error with an empty step filled in with `step`, and an empty stderr tail with `stderrTail`.
    func during(_ step: String, stderrTail: String) -> MCPError {
        func s(_ own: String) -> String { own.isEmpty ? step : own }
        func t(_ own: String) -> String { own.isEmpty ? stderrTail : own }
        switch self {
        case .serverExited(let own, let status, let tail): return .serverExited(step: s(own), status: status, stderrTail: t(tail))
        case .timeout(let own, let seconds, let tail): return .timeout(step: s(own), seconds: seconds, stderrTail: t(tail))
        case .serverError(let own, let code, let message): return .serverError(step: s(own), code: code, message: message)
        case .protocolViolation(let own, let detail): return .protocolViolation(step: s(own), detail: detail)
        case .limitExceeded(let own, let detail): return .limitExceeded(step: s(own), detail: detail)
        default: return self
        }
    }
}
