import Foundation
import JSON
import Testing
import TestSupport
@testable import Risk

/// Writes the training data of the learned threat reading (`Tests/Fixtures/threats/train-reading.py`) when
/// `MCPRISK_THREAT_FEATURES` names a file: one JSON line per passage (`ThreatFeatures.walk`) of every text
/// field of the threat corpus's train and retired parts and of the real servers of the evaluation set's
/// train and retired parts, then one line of readable feature names. The locked parts (the corpus's test
/// batch, the evaluation set's test crawl) are never written, so the training script cannot read them.
///
/// A passage line: `src` (corpus or real), `id` (case id or snapshot), `group` (the case's group or the
/// server), `poisoned` (the case is), `under` (the field lies within the case's `expect.within`),
/// `candidate` (and its role fits the case's `place`: where the payload is), `field`, `layer`, `keys`.
struct ThreatTrainingDump {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MCPRISK_THREAT_FEATURES"] != nil))
    func writesTheTrainingPassages() throws {
        let path = ProcessInfo.processInfo.environment["MCPRISK_THREAT_FEATURES"]!
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let out = try #require(FileHandle(forWritingAtPath: path))
        var names: [UInt64: String] = [:]
        var buffer = ""
        func flush() { out.write(Data(buffer.utf8)); buffer = "" }
        func write(_ index: ServerIndex, src: String, id: String, group: String, poisoned: Bool, within: JSONPointer?, place: String) {
            let roles = Self.roles(of: place)
            for reading in index.readings {
                let field = reading.field
                let under = within.map { ThreatCorpus.isWithin(field.pointer, $0) } ?? false
                let candidate = under && (roles.isEmpty || roles.contains(field.role))
                ThreatFeatures.walk(reading) { passage, keys, featureNames in
                    if keys.contains(where: { names[$0] == nil }) {
                        for (k, n) in zip(keys, featureNames()) where names[k] == nil { names[k] = n }
                    }
                    let line: JSONValue = .object(JSONObject([
                        ("src", .string(src)), ("id", .string(id)), ("group", .string(group)),
                        ("poisoned", .bool(poisoned)), ("under", .bool(under)), ("candidate", .bool(candidate)),
                        ("field", .string(field.pointer.description)), ("layer", .number(String(passage.layer))),
                        ("keys", .array(keys.map { .string(String($0, radix: 16)) })),
                    ]))
                    buffer += JSONWriter.compact.string(line) + "\n"
                }
            }
            if buffer.utf8.count > 1 << 20 { flush() }
        }
        var cases = 0, servers = 0
        for c in ThreatCorpus.cases where c.part != .test {
            cases += 1
            write(ServerIndex(ReviewedServer(c.server, name: "scanned")), src: "corpus", id: c.id, group: c.group,
                  poisoned: c.isPoisoned, within: c.within, place: c.place)
            for (i, other) in c.others.enumerated() {
                write(ServerIndex(ReviewedServer(other, name: "other-\(i)")), src: "corpus", id: c.id + "#other-\(i)", group: c.group,
                      poisoned: false, within: nil, place: "")
            }
        }
        let split = try EvaluationPart.parse(RepoPaths.text("Tests/Fixtures/eval/split.tsv"))
        for (file, server) in EvalSnapshots.servers {
            let id = String(file.dropLast(5))
            guard let part = split[id], part != .test else { continue }
            servers += 1
            write(ServerIndex(server), src: "real", id: id, group: id, poisoned: false, within: nil, place: "")
        }
        let table = JSONObject(names.sorted { $0.key < $1.key }.map { (String($0.key, radix: 16), JSONValue.string($0.value)) })
        buffer += JSONWriter.compact.string(.object(JSONObject([("names", .object(table))]))) + "\n"
        flush()
        try out.close()
        #expect(cases > 1_000 && servers > 400)
    }

    /// The roles a case's `place` names (empty: any field within the case's pointer).
    static func roles(of place: String) -> Set<TextField.Role> {
        switch place {
        case "tool.name": [.name]
        case "tool.title": [.title]
        case "tool.description", "resource.description": [.description]
        case "prompt.description": [.description, .argumentDescription]
        case "param.name": [.parameterName, .argumentName]
        case "param.description": [.parameterDescription, .parameterTitle, .argumentDescription]
        case "param.default": [.defaultValue]
        case "param.enum": [.enumValue]
        case "prompt.body": [.promptMessage]
        case "server.instructions": [.instructions]
        default: []
        }
    }
}
