import Definitions
import JSON

extension ServerSnapshot {
    /// Reads a snapshot file for an offline scan. Accepts a `tools/list` result (`{"tools": […]}`),
    /// a snapshot object that may also carry `instructions`, `prompts`, `promptBodies`, `resources`,
    /// `resourceTemplates`, `serverInfo`, `protocolVersion` and `capabilities` (other keys are
    /// ignored), a JSON-RPC response wrapping either, or a bare array of tools. Invalid entries
    /// and parser issues are reported exactly as in a live crawl.
    public init(fileBytes: [UInt8], target: String, maxEntries: Int = 10_000) throws(MCPError) {
        let document: JSONDocument
        do {
            document = try JSONParser().parse(fileBytes)
        } catch {
            throw .invalidTarget("\(target) is not valid JSON: \(error)")
        }
        var snapshot = ServerSnapshot(target: target)
        var anomalies = AnomalyLog()
        var rest = document.issues
        if document.droppedIssues > 0 {
            anomalies.add(kind: "parse-issues-truncated", "\(document.droppedIssues) more duplicate keys or invalid UTF-8 sequences were found and not recorded (the first \(document.issues.count) are)")
        }
        var limitHit: ListKind?

        let (root, prefix) = try Self.definitionsRoot(document.value, target: target)
        switch root {
        case .array(let tools):
            var intake = ListIntake(kind: .tools)
            let taken = intake.take(tools, arrayPointer: JSONPointer(tokens: prefix), issues: rest, maxEntries: maxEntries,
                                    into: &snapshot, anomalies: &anomalies)
            rest = taken.rest
            if taken.limitHit { limitHit = .tools }
        case .object(let object):
            guard ListKind.allCases.contains(where: { object[$0.resultKey] != nil }) || object["instructions"] != nil else {
                throw .invalidTarget("\(target) has no tools array (expected a tools/list result, a snapshot object or an array of tools)")
            }
            for kind in ListKind.allCases {
                guard let value = object[kind.resultKey] else { continue }
                guard let entries = value.arrayValue else {
                    throw .invalidTarget("\(target): \(kind.resultKey) is \(value.typeWithArticle), not an array")
                }
                var intake = ListIntake(kind: kind)
                let taken = intake.take(entries, arrayPointer: JSONPointer(tokens: prefix + [kind.resultKey]), issues: rest,
                                        maxEntries: maxEntries, into: &snapshot, anomalies: &anomalies)
                rest = taken.rest
                if taken.limitHit, limitHit == nil { limitHit = kind }
            }
            rest = snapshot.takeDescription(object, prefix: prefix, issues: rest, anomalies: &anomalies)
            rest = snapshot.takePromptBodies(object, prefix: prefix, issues: rest, maxEntries: maxEntries, anomalies: &anomalies)
        default:
            throw .invalidTarget("\(target) holds a JSON \(root.typeName); expected an object with a tools array or an array of tools")
        }
        for issue in rest { anomalies.add(issue: issue, note: "outside the definitions") }
        snapshot.anomalies = anomalies.all
        if let kind = limitHit {
            snapshot.completeness = .partial
            snapshot.error = .limitExceeded(step: "reading \(target)", detail: "more than \(maxEntries) \(kind.resultKey); the first \(maxEntries) are kept")
        }
        self = snapshot
    }

    /// The object or array holding the definitions, and its pointer: inside `result` for a JSON-RPC response.
    private static func definitionsRoot(_ value: JSONValue, target: String) throws(MCPError) -> (JSONValue, [String]) {
        guard let object = value.objectValue, object["jsonrpc"] != nil || (object["result"] != nil && object["tools"] == nil) else {
            return (value, [])
        }
        if let error = object["error"] {
            let message = error["message"]?.stringValue ?? error.compactText
            throw .invalidTarget("\(target) holds a JSON-RPC error response: \(Sanitize.quote(message, limit: 300))")
        }
        guard let result = object["result"] else { throw .invalidTarget("\(target) is a JSON-RPC message without a result") }
        return (result, ["result"])
    }

    /// Takes serverInfo, protocolVersion, capabilities and instructions from a snapshot object and
    /// moves their parser issues to the snapshot document; returns the issues left.
    mutating func takeDescription(_ object: JSONObject, prefix: [String], issues: [JSONIssue], anomalies: inout AnomalyLog) -> [JSONIssue] {
        if let info = object["serverInfo"] {
            if info.objectValue != nil { definitions.serverInfo = info } else { anomalies.add(kind: "invalid-field", "serverInfo is \(info.typeWithArticle), not an object") }
        }
        if let version = object["protocolVersion"] {
            if let text = version.stringValue { definitions.protocolVersion = text } else { anomalies.add(kind: "invalid-field", "protocolVersion is \(version.typeWithArticle), not a string") }
        }
        if let caps = object["capabilities"] {
            if caps.objectValue != nil { definitions.capabilities = caps } else { anomalies.add(kind: "invalid-field", "capabilities is \(caps.typeWithArticle), not an object") }
        }
        if let text = object["instructions"] {
            if let s = text.stringValue { definitions.instructions = s } else if !text.isNull { anomalies.add(kind: "invalid-field", "instructions is \(text.typeWithArticle), not a string") }
        }
        var rest: [JSONIssue] = []
        for issue in issues {
            let key = ["serverInfo", "protocolVersion", "capabilities", "instructions"].first {
                issue.pointer.isWithin(JSONPointer(tokens: prefix + [$0]))
            }
            if let key {
                definitions.parseIssues.append(issue.moved(to: JSONPointer(tokens: [key] + issue.pointer.tokens.dropFirst(prefix.count + 1))))
            } else {
                rest.append(issue)
            }
        }
        return rest
    }

    /// Takes `promptBodies` (what `prompts/get` returned, as the crawler saved it), aligned with the prompts
    /// kept by name (an invalid prompt dropped on reading must not shift the others' bodies), and moves
    /// their parser issues along; returns the issues left.
    mutating func takePromptBodies(_ object: JSONObject, prefix: [String], issues: [JSONIssue], maxEntries: Int,
                                   anomalies: inout AnomalyLog) -> [JSONIssue] {
        guard let value = object["promptBodies"] else { return issues }
        guard let entries = value.arrayValue else {
            anomalies.add(kind: "invalid-field", "promptBodies is \(value.typeWithArticle), not an array; prompt bodies were not read")
            return issues
        }
        var byName: [String: [(index: Int, body: JSONValue)]] = [:]
        for (i, body) in entries.prefix(maxEntries).enumerated() {
            guard body.objectValue != nil else {
                anomalies.add(kind: "invalid-entry", "promptBodies[\(i)] is \(body.typeWithArticle), not an object; skipped")
                continue
            }
            byName[body["name"]?.stringValue ?? "", default: []].append((i, body))
        }
        var aligned: [JSONValue] = []
        var moved: [Int: Int] = [:]
        for (k, prompt) in definitions.prompts.enumerated() {
            let name = prompt["name"]?.stringValue ?? ""
            if let first = byName[name]?.first {
                byName[name]?.removeFirst()
                aligned.append(first.body)
                moved[first.index] = k
            } else {
                aligned.append(.object(JSONObject([("name", .string(name)), ("arguments", .object(JSONObject())),
                                                   ("error", .object(JSONObject([("message", "no body in the snapshot file")])))])))
            }
        }
        let unmatched = byName.values.reduce(0) { $0 + $1.count }
        if unmatched > 0 { anomalies.add(kind: "invalid-entry", "\(unmatched) prompt bodies name no listed prompt; ignored") }
        guard !moved.isEmpty else { return issues }
        definitions.promptBodies = aligned
        var rest: [JSONIssue] = []
        let base = prefix + ["promptBodies"]
        for issue in issues {
            let t = issue.pointer.tokens
            if t.count > base.count, Array(t.prefix(base.count)) == base, let i = Int(t[base.count]), let k = moved[i] {
                definitions.parseIssues.append(issue.moved(to: JSONPointer(tokens: ["promptBodies", String(k)] + t.dropFirst(base.count + 1))))
            } else {
                rest.append(issue)
            }
        }
        return rest
    }
}
