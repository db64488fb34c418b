import Foundation
import Risk

/// `mcprisk eval LABELS`: measures the classifier against hand-labelled tools.
enum EvalCommand: CLICommand {
    static let spec = CommandSpec(
        name: "eval",
        usage: ["eval LABELS.tsv [--snapshots DIR]"],
        summary: """
            Classify every tool of the snapshots in DIR (default: the folder 'snapshots' beside LABELS) and compare with \
            the labels (TSV: server, tool, category, note). Prints accuracy, the confusion matrix, every miss, and the \
            threat findings per server. Exits 1 below 97% agreement or when a dangerous tool is classified read.
            """,
        options: [.value("snapshots", "DIR", "Folder of snapshot JSON files named SERVER.json")],
        maxPositionals: 1)

    static func run(_ a: ParsedArguments, context: CommandContext) async throws -> Int32 {
        guard let labelsPath = a.positionals.first else { throw UsageError("eval needs the labels file, e.g. Tests/Fixtures/eval/labels.tsv") }
        guard let labels = FileManager.default.contents(atPath: labelsPath).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw CommandFailure("cannot read labels file \(labelsPath)")
        }
        let dir = a.value("snapshots") ?? ((labelsPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("snapshots")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { throw CommandFailure("cannot list snapshot folder \(dir)") }
        var snapshots: [(id: String, json: String)] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
                throw CommandFailure("cannot read snapshot \(path)")
            }
            snapshots.append((String(name.dropLast(5)), text))
        }
        let evaluation: Evaluation
        do { evaluation = try Evaluation(labelsTSV: labels, snapshots: snapshots) } catch {
            throw CommandFailure("\(labelsPath): \(error)")
        }
        context.out(evaluation.text)
        return evaluation.accuracy >= 0.97 && evaluation.dangerousAsRead == 0 ? 0 : 1
    }
}
