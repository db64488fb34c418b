import JSON
import MCPClient
import Testing
import TestSupport

@Suite struct SessionTests {
    @Test func handshakeThenEveryAdvertisedListWithPagination() async {
        let (snapshot, seen) = await crawlScripted(wellBehaved)
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.error == nil)
        #expect(snapshot.toolNames == ["a", "b", "c"])
        #expect(snapshot.definitions.prompts.count == 1 && snapshot.definitions.resources.count == 1 && snapshot.definitions.resourceTemplates.count == 1)
        #expect(snapshot.definitions.protocolVersion == "2025-06-18")
        #expect(snapshot.definitions.serverName == "scripted")
        #expect(snapshot.definitions.instructions == "Be careful.")
        let methods = seen.compactMap { $0["method"]?.stringValue }
        #expect(methods == ["initialize", "notifications/initialized", "tools/list", "tools/list", "prompts/list", "resources/list", "resources/templates/list", "prompts/get"])
        #expect(seen[0]["params"]?["protocolVersion"] == "2025-11-25")
        #expect(seen[0]["params"]?["capabilities"] == [:])
        #expect(seen[0]["params"]?["clientInfo"]?["name"] == "mcprisk")
        #expect(seen[3]["params"]?["cursor"] == "c2")
    }

    @Test func listsOnlyWhatCapabilitiesAdvertise() async {
        let (snapshot, seen) = await crawlScripted { request in
            if request["method"] == "initialize" {
                return [resultLine(request, "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"s\",\"version\":\"1\"}}")]
            }
            return await wellBehaved(request)
        }
        #expect(snapshot.completeness == .complete)
        #expect(seen.compactMap { $0["method"]?.stringValue } == ["initialize", "notifications/initialized", "tools/list", "tools/list"])
    }

    @Test func answersPingWithEmptyResultAndOtherRequestsWithMethodNotFound() async {
        let (snapshot, seen) = await crawlScripted { request in
            if request["method"] == "initialize" {
                return ["{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}",
                        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"elicitation/create\",\"params\":{}}",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"x\"}}",
                        resultLine(request, initializeResult)]
            }
            return await wellBehaved(request)
        }
        #expect(snapshot.completeness == .complete)
        let pong = seen.first { $0["id"] == "p" }
        #expect(pong?["result"] == [:])
        #expect(pong?["error"] == nil)
        let refused = seen.first { $0["id"] == 9 }
        #expect(refused?["error"]?["code"] == -32601)
        #expect(snapshot.anomalyKinds == ["server-request"])
    }

    @Test func ignoresResponsesToUnknownIdsAndStringIds() async {
        let (snapshot, _) = await crawlScripted { request in
            guard let id = request["id"]?.intValue else { return [] }
            return ["{\"jsonrpc\":\"2.0\",\"id\":\(id + 100),\"result\":{}}", "{\"jsonrpc\":\"2.0\",\"id\":\"\(id)\",\"result\":{\"tools\":[{\"name\":\"fake\"}]}}"]
                + (await wellBehaved(request))
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.toolNames == ["a", "b", "c"])
        // Two stray answers per request: initialize, two tools pages, three lists and one prompts/get.
        #expect(snapshot.anomalyKinds.filter { $0 == "unknown-response-id" }.count == 14)
    }

    @Test func initializeErrorNamesTheStepAndQuotesTheServer() async {
        let (snapshot, _) = await crawlScripted { request in
            [errorLine(request, code: -32603, message: "database is locked")]
        }
        #expect(snapshot.completeness == .failed)
        #expect(snapshot.error == .serverError(step: "initialize", code: -32603, message: "database is locked"))
        #expect(snapshot.error?.description == "server answered initialize with error -32603: database is locked")
    }

    @Test func rejectsAnUnsupportedProtocolVersion() async {
        let (snapshot, _) = await crawlScripted { request in
            [resultLine(request, "{\"protocolVersion\":\"2024-10-07\",\"capabilities\":{},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}")]
        }
        #expect(snapshot.completeness == .failed)
        guard case .protocolViolation(let step, let detail)? = snapshot.error else { Issue.record("wrong error \(String(describing: snapshot.error))"); return }
        #expect(step == "initialize")
        #expect(detail.contains("2024-10-07"))
    }

    @Test func unknownLaterVersionIsReadWithAnAnomaly() async {
        let (snapshot, _) = await crawlScripted { request in
            if request["method"] == "initialize" {
                return [resultLine(request, "{\"protocolVersion\":\"2026-07-28\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"n\",\"version\":\"1\"}}")]
            }
            return await wellBehaved(request)
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.definitions.protocolVersion == "2026-07-28")
        #expect(snapshot.anomalyKinds == ["unknown-protocol-version"])
    }

    @Test func timeoutNamesTheStepAndQuotesStderr() async {
        let options = CrawlOptions(requestTimeout: 0.3, totalTimeout: 20)
        let (snapshot, _) = await crawlScripted(options: options, stderr: "booting...\nwaiting for license server\n") { request in
            request["method"] == "initialize" ? [resultLine(request, initializeResult)] : []
        }
        #expect(snapshot.completeness == .failed)
        #expect(snapshot.error == .timeout(step: "tools/list", seconds: 0.3, stderrTail: "booting... | waiting for license server"))
    }

    @Test func totalTimeoutStopsAServerThatKeepsPinging() async {
        let options = CrawlOptions(requestTimeout: 30, totalTimeout: 0.5)
        let (snapshot, _) = await crawlScripted(options: options) { message in
            // Answers our pong with another ping, forever: only the overall limit ends this.
            message["method"] == "initialize" || message["result"] != nil ? ["{\"jsonrpc\":\"2.0\",\"id\":\"again\",\"method\":\"ping\"}"] : []
        }
        #expect(snapshot.completeness == .failed)
        guard case .timeout(let step, let seconds, _)? = snapshot.error else { Issue.record("wrong error \(String(describing: snapshot.error))"); return }
        #expect(step == "initialize (the whole scan of this server)")
        #expect(seconds == 0.5)
    }

    @Test func serverClosingMidListKeepsWhatWasRead() async {
        let (client, server) = InMemoryTransport.pair()
        await server.setDiagnostics("panic: out of memory")
        let script = SessionScript(server)
        async let played: Void = script.run { request in
            if request["params"]?["cursor"] == "c2" { await server.close(); return [] }
            return await wellBehaved(request)
        }
        let snapshot = await Crawler().crawl(client, target: "t")
        await played
        #expect(snapshot.completeness == .partial)
        #expect(snapshot.toolNames == ["a", "b"])
        #expect(snapshot.error == .serverExited(step: "tools/list (page 2)", status: "connection closed", stderrTail: "panic: out of memory"))
    }

    @Test func pageLimitStopsEndlessPagination() async {
        let options = CrawlOptions(requestTimeout: 5, totalTimeout: 20, maxPages: 3)
        let (snapshot, _) = await crawlScripted(options: options) { request in
            if request["method"] == "initialize" { return [resultLine(request, initializeResult)] }
            guard request["method"] == "tools/list" else { return [] }
            let n = request["id"]!.intValue!
            return [resultLine(request, "{\"tools\":[{\"name\":\"t\(n)\"}],\"nextCursor\":\"after-\(n)\"}")]
        }
        #expect(snapshot.completeness == .partial)
        #expect(snapshot.definitions.tools.count == 3)
        #expect(snapshot.error == .limitExceeded(step: "tools/list (page 3)", detail: "tools/list has more than 3 pages"))
    }

    @Test func entryLimitKeepsTheFirstEntries() async {
        let options = CrawlOptions(requestTimeout: 5, totalTimeout: 20, maxEntries: 2)
        let (snapshot, _) = await crawlScripted(options: options, wellBehaved)
        #expect(snapshot.completeness == .partial)
        #expect(snapshot.toolNames == ["a", "b"])
        #expect(snapshot.error?.kind == "limit-exceeded")
    }

    @Test func missingTemplatesOrPromptsMethodIsNotAFailure() async {
        let (snapshot, _) = await crawlScripted { request in
            if request["method"] == "resources/templates/list" || request["method"] == "prompts/list" {
                return [errorLine(request, code: -32601, message: "Method not found")]
            }
            return await wellBehaved(request)
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.anomalyKinds == ["list-not-supported", "list-not-supported"])
        #expect(snapshot.definitions.resources.count == 1)
    }

    @Test func missingToolsListOnAServerThatAdvertisedToolsFails() async {
        let (snapshot, _) = await crawlScripted { request in
            if request["method"] == "tools/list" { return [errorLine(request, code: -32601, message: "Method not found")] }
            return await wellBehaved(request)
        }
        #expect(snapshot.completeness == .failed)
        #expect(snapshot.error == .serverError(step: "tools/list", code: -32601, message: "Method not found"))
    }

    @Test func otherErrorsOnLaterListsKeepWhatWasRead() async {
        let (snapshot, _) = await crawlScripted { request in
            if request["method"] == "resources/list" { return [errorLine(request, code: -32603, message: "resource backend down")] }
            return await wellBehaved(request)
        }
        #expect(snapshot.completeness == .partial)
        #expect(snapshot.toolNames == ["a", "b", "c"])
        #expect(snapshot.definitions.prompts.count == 1)
        #expect(snapshot.error == .serverError(step: "resources/list", code: -32603, message: "resource backend down"))
    }

    @Test func parserIssuesPointIntoTheSnapshotDocument() async {
        let (snapshot, _) = await crawlScripted { request in
            if request["method"] == "tools/list", request["params"]?["cursor"] == "c2" {
                return ["{\"jsonrpc\":\"2.0\",\"id\":\(request["id"]!.compactText),\"result\":{\"tools\":[{\"description\":\"no name\"},{\"name\":\"c\",\"description\":\"benign\",\"description\":\"evil\"}]}}"]
            }
            return await wellBehaved(request)
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.toolNames == ["a", "b", "c"])
        #expect(snapshot.definitions.parseIssues.map { "\($0.kind) \($0.pointer) \($0.detail)" } == ["duplicateKey /tools/2/description description"])
        #expect(snapshot.definitions.tools[2]["description"] == "evil")
        #expect(snapshot.anomalyKinds == ["invalid-entry"])
        #expect(JSONPointer("/tools/2/description")!.resolve(in: snapshot.definitions.document) == "evil")
    }

    @Test func batchedResponsesAreUnpacked() async {
        let (snapshot, _) = await crawlScripted { request in
            guard request["method"] == "initialize" else { return await wellBehaved(request) }
            return ["[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"},\(resultLine(request, initializeResult))]"]
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.toolNames == ["a", "b", "c"])
    }

    @Test func statelessServerIsRetriedWithDiscoverAndMetaEnvelope() async {
        let (snapshot, seen) = await crawlScripted { request in
            switch request["method"]?.stringValue {
            case "initialize":
                return [errorLine(request, code: -32602, message: "Unsupported protocol version", data: "{\"supported\":[\"2026-07-28\"],\"requested\":\"2025-11-25\"}")]
            case "server/discover":
                return [resultLine(request, "{\"resultType\":\"complete\",\"supportedVersions\":[\"2026-07-28\"],\"capabilities\":{\"tools\":{}},\"instructions\":\"modern\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"m\",\"version\":\"2\"}}}")]
            case "tools/list":
                return [resultLine(request, "{\"resultType\":\"complete\",\"ttlMs\":1000,\"cacheScope\":\"global\",\"tools\":[{\"name\":\"x\"}]}")]
            default: return []
            }
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.definitions.protocolVersion == "2026-07-28")
        #expect(snapshot.definitions.serverName == "m")
        #expect(snapshot.definitions.instructions == "modern")
        #expect(snapshot.toolNames == ["x"])
        let methods = seen.compactMap { $0["method"]?.stringValue }
        #expect(methods == ["initialize", "server/discover", "tools/list"])
        let meta = seen.last?["params"]?["_meta"]
        #expect(meta?["io.modelcontextprotocol/protocolVersion"] == "2026-07-28")
        #expect(meta?["io.modelcontextprotocol/clientCapabilities"] == [:])
        #expect(meta?["io.modelcontextprotocol/clientInfo"]?["name"] == "mcprisk")
    }

    @Test func legacyErrorsDoNotTriggerTheStatelessRetry() async {
        let (snapshot, seen) = await crawlScripted { request in
            [errorLine(request, code: -32602, message: "Unsupported protocol version", data: "{\"supported\":[\"2024-10-07\"]}")]
        }
        #expect(snapshot.completeness == .failed)
        #expect(seen.compactMap { $0["method"]?.stringValue } == ["initialize"])
        #expect(snapshot.error?.kind == "server-error")
    }

    @Test func statelessServerWithNoCommonVersionFailsClearly() async {
        let (snapshot, _) = await crawlScripted { request in
            [errorLine(request, code: -32022, message: "Unsupported protocol version", data: "{\"supported\":[\"2027-01-01\"]}")]
        }
        #expect(snapshot.completeness == .failed)
        guard case .protocolViolation(let step, let detail)? = snapshot.error else { Issue.record("wrong error \(String(describing: snapshot.error))"); return }
        #expect(step == "initialize")
        #expect(detail.contains("2027-01-01"))
    }

    @Test func statelessVersionMismatchOnAListPicksACommonVersion() async {
        let (snapshot, seen) = await crawlScripted { request in
            let version = request["params"]?["_meta"]?["io.modelcontextprotocol/protocolVersion"]?.stringValue
            switch request["method"]?.stringValue {
            case "initialize": return [errorLine(request, code: -32022, message: "use 2026-07-28")]
            case "server/discover": return [resultLine(request, "{\"capabilities\":{\"tools\":{}}}")]
            case "tools/list" where version == "2026-07-28":
                return [resultLine(request, "{\"tools\":[{\"name\":\"y\"}]}")]
            default: return []
            }
        }
        #expect(snapshot.completeness == .complete)
        #expect(snapshot.toolNames == ["y"])
        #expect(seen.count == 3)
    }

    @Test func stateMachineStartsWithInitializeAndAnswersNothingAfterFinishing() {
        var machine = SessionMachine(target: "pure")
        let first = machine.start()
        guard case .send(let message)? = first.first else { Issue.record("no initialize"); return }
        #expect(message["method"] == "initialize")
        #expect(machine.currentStep == "initialize")
        #expect(machine.pendingRequestID == 1)
        _ = machine.fail(.timeout(step: "initialize", seconds: 1, stderrTail: ""))
        #expect(machine.isFinished)
        #expect(machine.receive(.message(["jsonrpc": "2.0", "id": "x", "method": "ping"], issues: [])).isEmpty)
        #expect(machine.result.completeness == .failed)
    }
}
