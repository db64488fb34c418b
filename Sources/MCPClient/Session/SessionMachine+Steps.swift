import Definitions
import JSON

extension SessionMachine {
    /// Handles the result of the pending request, by phase.
    mutating func handleResult(_ result: JSONValue, issues: [JSONIssue]) -> [Action] {
        guard let object = result.objectValue else {
            if case .gettingPrompt(let index) = phase { return recordPromptFailure(index, "the result is \(result.typeWithArticle), not an object") }
            return fail(.protocolViolation(step: currentStep, detail: "the result is \(result.typeWithArticle), not an object"))
        }
        switch phase {
        case .initializing: return handleInitialize(object, issues: issues)
        case .discovering: return handleDiscover(object, issues: issues)
        case .listing(let kind, let page): return handleListPage(object, kind: kind, page: page, issues: issues)
        case .gettingPrompt(let index): return handlePromptBody(object, index: index, issues: issues)
        case .idle, .finished: return []
        }
    }

    /// Handles an error answer to the pending request, by phase.
    mutating func handleError(code: Int, message: String, data: JSONValue?) -> [Action] {
        let quoted = Sanitize.quote(message, limit: 500)
        // A prompt that cannot be fetched is an anomaly, never a failed scan.
        if case .gettingPrompt(let index) = phase, !(era == .stateless && code == -32022) {
            return recordPromptFailure(index, "the server answered \(code) (\(quoted))")
        }
        if phase == .initializing, ProtocolVersions.looksModern(code: code, message: message, data: data) {
            era = .stateless
            anomalies.add(kind: "stateless-server", "initialize was rejected (\(code): \(quoted)); retrying with the stateless revision")
            return switchModernVersion(supported: ProtocolVersions.supportedList(data), code: code, message: quoted)
        }
        if era == .stateless, code == -32022, phase != .initializing {
            return switchModernVersion(supported: ProtocolVersions.supportedList(data), code: code, message: quoted)
        }
        // A missing prompts/resources/templates method costs nothing a scan needs; missing tools/list
        // on a server that advertised tools is a real failure.
        if case .listing(let kind, 1) = phase, code == JSONRPC.methodNotFound, kind != .tools || !toolsAdvertised {
            anomalies.add(kind: "list-not-supported", "\(kind.method) answered \(code) (\(quoted)); treated as an empty list")
            return startNextList()
        }
        return fail(.serverError(step: currentStep, code: code, message: quoted))
    }

    /// Picks the newest stateless version both sides speak and (re)sends the current request with it.
    private mutating func switchModernVersion(supported: [String], code: Int, message: String) -> [Action] {
        let candidates = supported.isEmpty ? ProtocolVersions.modern : ProtocolVersions.modern.filter(supported.contains)
        guard let version = candidates.first(where: { !triedModernVersions.contains($0) }) else {
            let theirs = supported.isEmpty ? "none named" : supported.map { Sanitize.quote($0, limit: 40) }.joined(separator: ", ")
            return fail(.protocolViolation(step: currentStep, detail: "no protocol version in common (the server supports \(theirs); mcprisk speaks \((ProtocolVersions.initializeEra + ProtocolVersions.modern).joined(separator: ", "))); the server said \(code): \(message)"))
        }
        triedModernVersions.insert(version)
        modernVersion = version
        if case .listing(let kind, _) = phase { return [listRequest(kind, cursor: currentCursor)] }
        if case .gettingPrompt(let index) = phase { return requestPromptBody(index) }
        phase = .discovering
        return [request("server/discover", .object(JSONObject([("_meta", modernEnvelope)])))]
    }

    var modernEnvelope: JSONValue {
        .object(JSONObject([
            ("io.modelcontextprotocol/protocolVersion", .string(modernVersion ?? ProtocolVersions.modern[0])),
            ("io.modelcontextprotocol/clientCapabilities", .object(JSONObject())),
            ("io.modelcontextprotocol/clientInfo", clientInfo),
        ]))
    }

    private mutating func handleInitialize(_ result: JSONObject, issues: [JSONIssue]) -> [Action] {
        guard let version = result["protocolVersion"]?.stringValue else {
            return fail(.protocolViolation(step: "initialize", detail: "the result has no protocolVersion string"))
        }
        guard ProtocolVersions.acceptsInitializeVersion(version) else {
            return fail(.protocolViolation(step: "initialize", detail: "the server chose protocol version \"\(Sanitize.quote(version, limit: 40))\", which mcprisk does not speak (it offered \(ProtocolVersions.offered) and accepts 2024-11-05 onward)"))
        }
        if !ProtocolVersions.initializeEra.contains(version) {
            anomalies.add(kind: "unknown-protocol-version", "the server chose protocol version \(version), which mcprisk does not know; reading it as \(ProtocolVersions.offered)")
        }
        snapshot.definitions.protocolVersion = version
        takeServerDescription(result, serverInfo: result["serverInfo"], from: ["result"], issues: issues)
        handshakeDone = true
        return [.send(JSONRPC.notification(method: "notifications/initialized"))] + startListing()
    }

    private mutating func handleDiscover(_ result: JSONObject, issues: [JSONIssue]) -> [Action] {
        if let problem = resultTypeProblem(result) { return fail(.protocolViolation(step: currentStep, detail: problem)) }
        let supported = (result["supportedVersions"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !supported.isEmpty, let mine = modernVersion, !supported.contains(mine) {
            return switchModernVersion(supported: supported, code: 0, message: "server/discover lists \(supported.joined(separator: ", "))")
        }
        snapshot.definitions.protocolVersion = modernVersion
        let info = result["serverInfo"] ?? result["_meta"]?["io.modelcontextprotocol/serverInfo"]
        takeServerDescription(result, serverInfo: info, from: ["result"], issues: issues)
        handshakeDone = true
        return startListing()
    }

    /// Records capabilities, serverInfo and instructions, and moves their parser issues to the snapshot document.
    private mutating func takeServerDescription(_ result: JSONObject, serverInfo: JSONValue?, from prefix: [String], issues: [JSONIssue]) {
        if let info = serverInfo {
            if info.objectValue != nil { snapshot.definitions.serverInfo = info } else { anomalies.add(kind: "invalid-field", "serverInfo is \(info.typeWithArticle), not an object") }
        }
        if let capabilities = result["capabilities"] {
            if capabilities.objectValue != nil { snapshot.definitions.capabilities = capabilities } else { anomalies.add(kind: "invalid-field", "capabilities is \(capabilities.typeWithArticle), not an object") }
        }
        if let instructions = result["instructions"] {
            if let text = instructions.stringValue { snapshot.definitions.instructions = text } else if !instructions.isNull {
                anomalies.add(kind: "invalid-field", "instructions is \(instructions.typeWithArticle), not a string")
            }
        }
        let infoSource = result["serverInfo"] != nil ? prefix + ["serverInfo"] : prefix + ["_meta", "io.modelcontextprotocol/serverInfo"]
        let routes: [([String], [String])] = [
            (infoSource, ["serverInfo"]), (prefix + ["capabilities"], ["capabilities"]),
            (prefix + ["instructions"], ["instructions"]), (prefix + ["protocolVersion"], ["protocolVersion"]),
        ]
        route(issues, routes)
    }

    /// Moves issues under a source prefix to the matching snapshot pointer; the rest become anomalies.
    mutating func route(_ issues: [JSONIssue], _ routes: [([String], [String])]) {
        for issue in issues {
            if let (from, to) = routes.first(where: { issue.pointer.isWithin(JSONPointer(tokens: $0.0)) }) {
                let pointer = JSONPointer(tokens: to + issue.pointer.tokens.dropFirst(from.count))
                snapshot.definitions.parseIssues.append(issue.moved(to: pointer))
            } else {
                anomalies.add(issue: issue, note: "in a \(currentStep) message")
            }
        }
    }

    /// Which lists to read: tools always (a server that forgot to advertise them is still read),
    /// prompts and resources when advertised.
    private mutating func startListing() -> [Action] {
        let capabilities = snapshot.definitions.capabilities?.objectValue ?? JSONObject()
        func advertised(_ key: String) -> Bool { capabilities[key].map { !$0.isNull } ?? false }
        toolsAdvertised = advertised("tools")
        remainingLists = ListKind.allCases.filter { $0 == .tools || advertised($0.capability) }
        return startNextList()
    }

    mutating func startNextList() -> [Action] {
        guard !remainingLists.isEmpty else { return startPromptBodies() }
        let kind = remainingLists.removeFirst()
        intake = ListIntake(kind: kind)
        cursorsSeen = []
        phase = .listing(kind, page: 1)
        return [listRequest(kind, cursor: nil)]
    }

    private mutating func listRequest(_ kind: ListKind, cursor: String?) -> Action {
        currentCursor = cursor
        var params = JSONObject()
        if era == .stateless { params["_meta"] = modernEnvelope }
        if let cursor { params["cursor"] = .string(cursor) }
        return request(kind.method, params.isEmpty ? nil : .object(params))
    }

    /// A stateless result must say `resultType: complete` (or nothing, from an older server).
    private func resultTypeProblem(_ result: JSONObject) -> String? {
        guard era == .stateless, let type = result["resultType"], type != "complete" else { return nil }
        return "resultType is \(Sanitize.quote(type.compactText, limit: 60)), expected \"complete\""
    }

    private mutating func handleListPage(_ result: JSONObject, kind: ListKind, page: Int, issues: [JSONIssue]) -> [Action] {
        if let problem = resultTypeProblem(result) { return fail(.protocolViolation(step: currentStep, detail: problem)) }
        guard let entriesValue = result[kind.resultKey] else {
            return fail(.protocolViolation(step: currentStep, detail: "the result has no \(kind.resultKey) array"))
        }
        guard let entries = entriesValue.arrayValue else {
            return fail(.protocolViolation(step: currentStep, detail: "\(kind.resultKey) is \(entriesValue.typeWithArticle), not an array"))
        }
        if era == .stateless, snapshot.definitions.serverInfo == nil, let info = result["_meta"]?["io.modelcontextprotocol/serverInfo"], info.objectValue != nil {
            snapshot.definitions.serverInfo = info
        }
        if kind == .tools, !toolsAdvertised, !entries.isEmpty {
            anomalies.add(kind: "unadvertised-capability", "the server lists tools without declaring the tools capability")
        }
        let (rest, limitHit) = intake.take(entries, arrayPointer: JSONPointer(tokens: ["result", kind.resultKey]), issues: issues,
                                           maxEntries: configuration.maxEntries, into: &snapshot, anomalies: &anomalies)
        anyListPageRead = true
        route(rest, [])
        if limitHit {
            return fail(.limitExceeded(step: currentStep, detail: "more than \(configuration.maxEntries) \(kind.resultKey); the first \(configuration.maxEntries) are kept"))
        }
        switch result["nextCursor"] {
        case nil, .null?, .string("")?:
            return startNextList()
        case .string(let cursor)?:
            if cursorsSeen.contains(cursor) {
                return fail(.protocolViolation(step: currentStep, detail: "the server returned the cursor \"\(Sanitize.quote(cursor, limit: 80))\" a second time; stopped to avoid a loop"))
            }
            guard page < configuration.maxPages else {
                return fail(.limitExceeded(step: currentStep, detail: "\(kind.method) has more than \(configuration.maxPages) pages"))
            }
            cursorsSeen.insert(cursor)
            phase = .listing(kind, page: page + 1)
            return [listRequest(kind, cursor: cursor)]
        case let other?:
            anomalies.add(kind: "invalid-field", "nextCursor is \(other.typeWithArticle), not a string; \(kind.method) ends here")
            return startNextList()
        }
    }
}
