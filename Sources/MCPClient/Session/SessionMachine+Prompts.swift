import JSON

/// Reading prompt bodies: after the lists, each listed prompt is fetched with `prompts/get` and every
/// declared argument set to a placeholder, so the text a client would hand the model is inspected too. A
/// prompt that cannot be fetched (an error, a timeout, a malformed answer) is an anomaly and its body
/// records why; the scan goes on and stays complete.
extension SessionMachine {
    /// The value every declared argument gets (the corpus crawler's convention).
    static let placeholderArgument = "example"

    /// Starts reading bodies when asked to and there are prompts; otherwise finishes the session.
    mutating func startPromptBodies() -> [Action] {
        let prompts = snapshot.definitions.prompts
        guard configuration.readPromptBodies, !prompts.isEmpty else { return finishSuccessfully() }
        if prompts.count > configuration.maxPromptBodies {
            anomalies.add(kind: "prompt-bodies-limited", "\(prompts.count) prompts listed; the bodies of the first \(configuration.maxPromptBodies) are read")
        }
        snapshot.definitions.promptBodies = []
        return requestPromptBody(0)
    }

    /// Sends `prompts/get` for prompt `index`, or finishes when there is none left to read.
    mutating func requestPromptBody(_ index: Int) -> [Action] {
        let prompts = snapshot.definitions.prompts
        guard index < min(prompts.count, configuration.maxPromptBodies) else { return finishSuccessfully() }
        phase = .gettingPrompt(index)
        let prompt = prompts[index]
        var params = JSONObject()
        if era == .stateless { params["_meta"] = modernEnvelope }
        params["name"] = prompt["name"] ?? .string("")
        params["arguments"] = .object(Self.placeholderArguments(for: prompt))
        return [request("prompts/get", .object(params))]
    }

    /// Every declared argument (with a string name) set to the placeholder.
    static func placeholderArguments(for prompt: JSONValue) -> JSONObject {
        var arguments = JSONObject()
        for argument in prompt["arguments"]?.arrayValue ?? [] {
            if let name = argument["name"]?.stringValue, arguments[name] == nil { arguments[name] = .string(placeholderArgument) }
        }
        return arguments
    }

    /// Records the answer to `prompts/get` for prompt `index` and asks for the next one.
    mutating func handlePromptBody(_ result: JSONObject, index: Int, issues: [JSONIssue]) -> [Action] {
        if era == .stateless, let type = result["resultType"], type != "complete" {
            return recordPromptFailure(index, "resultType is \(Sanitize.quote(type.compactText, limit: 60)), expected \"complete\"")
        }
        guard result["messages"]?.arrayValue != nil else {
            return recordPromptFailure(index, "the result has no messages array")
        }
        // Bodies are bounded as a whole: one huge body must not make a crawl's memory the server's to choose.
        let size = JSONWriter.compact.string(.object(result)).utf8.count
        guard promptBodyBytes + size <= configuration.maxPromptBodyBytes else {
            return recordPromptFailure(index, "the body is \(size) bytes and the bodies read so far \(promptBodyBytes); the limit is \(configuration.maxPromptBodyBytes) bytes in all")
        }
        promptBodyBytes += size
        snapshot.definitions.promptBodies.append(body(index, outcome: ("result", .object(result))))
        route(issues, [(["result"], ["promptBodies", String(index), "result"])])
        return requestPromptBody(index + 1)
    }

    /// Records a failed `prompts/get` (an error answer, a timeout, a malformed result) and goes on.
    mutating func recordPromptFailure(_ index: Int, _ why: String) -> [Action] {
        let name = snapshot.definitions.prompts[index]["name"]?.stringValue ?? "#\(index)"
        anomalies.add(kind: "prompt-get-failed", "prompts/get for \(Sanitize.quote(name, limit: 80)) failed: \(why); its body was not inspected")
        snapshot.definitions.promptBodies.append(body(index, outcome: ("error", .object(JSONObject([("message", .string(why))])))))
        return requestPromptBody(index + 1)
    }

    /// A body entry: `{"name", "arguments", "result" | "error"}`, aligned with the prompt by index.
    private func body(_ index: Int, outcome: (String, JSONValue)) -> JSONValue {
        let prompt = snapshot.definitions.prompts[index]
        return .object(JSONObject([("name", prompt["name"] ?? .null), ("arguments", .object(Self.placeholderArguments(for: prompt))), outcome]))
    }

    /// A request that timed out: for a prompt body an anomaly (the scan goes on); for anything else the end.
    public mutating func requestTimedOut(after seconds: Double, stderrTail: String) -> [Action] {
        if case .gettingPrompt(let index) = phase {
            pending = nil
            return recordPromptFailure(index, "no answer within \(Int(seconds)) s")
        }
        return fail(.timeout(step: currentStep, seconds: seconds, stderrTail: stderrTail))
    }
}
