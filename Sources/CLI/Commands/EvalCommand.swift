import Foundation
import Risk

/// `mcprisk eval LABELS`: measures the classifier against hand-labelled tools.
enum EvalCommand: CLICommand {
    static let spec = CommandSpec(
        name: "eval",
        usage: ["eval LABELS.tsv [--snapshots DIR] [--split FILE] [--show-test-misses] [--features FILE]"],
        summary: """
            Classify every tool of the snapshots in DIR (default: the folder 'snapshots' beside LABELS) and compare with \
            the labels (TSV: server, tool, category, note), separately for the train part, the retired test part (tuned on since its misses were read) and the \
            locked test part of the split (default: split.tsv beside LABELS, when present). Prints agreement, the confusion matrix with \
            precision and recall, the train part's misses, and the threat findings per server. Exits 1 when a target is \
            missed: test agreement 95%, train 98%, per-category precision and recall 90% on test, no dangerous tool read.
            """,
        options: [.value("snapshots", "DIR", "Folder of snapshot JSON files named SERVER.json"),
                  .value("split", "FILE", "TSV of server and part (train, retired or test); default split.tsv beside LABELS"),
                  .flag("show-test-misses", "Also print the locked test part's misses (only once a change is finished)"),
                  .value("features", "FILE", "Write each labelled tool's learned-reading features (JSON lines, the rules alone) for training")],
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
        let splitPath = a.value("split") ?? ((labelsPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("split.tsv")
        var split: [String: EvaluationPart] = [:]
        if let text = FileManager.default.contents(atPath: splitPath).flatMap({ String(data: $0, encoding: .utf8) }) {
            do { split = try EvaluationPart.parse(text) } catch { throw CommandFailure("\(splitPath): \(error)") }
        } else if a.value("split") != nil {
            throw CommandFailure("cannot read split file \(splitPath)")
        }
        let evaluation: Evaluation
        let featuresPath = a.value("features")
        do {
            evaluation = try Evaluation(labelsTSV: labels, snapshots: snapshots, split: split, collectFeatures: featuresPath != nil)
        } catch {
            throw CommandFailure("\(labelsPath): \(error)")
        }
        if let featuresPath {
            let text = evaluation.featureLines.joined(separator: "\n") + "\n"
            guard FileManager.default.createFile(atPath: featuresPath, contents: Data(text.utf8)) else {
                throw CommandFailure("cannot write features file \(featuresPath)")
            }
        }
        context.out(evaluation.text(showTestMisses: a.flag("show-test-misses")))
        return evaluation.missedTargets.isEmpty ? 0 : 1
    }
}
