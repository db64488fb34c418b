// mcprisk-bench: how fast the offline stages are on real definitions. Run in release mode:
//   swift run -c release mcprisk-bench [Tests/Fixtures/eval/snapshots]
// It parses every snapshot, assesses every server, renders every report format and both policies,
// repeats the whole pass, and prints throughput and peak memory (VmHWM).
import Foundation
import JSON
import MCPClient
import Policy
import Reports
import Risk
import Scanner

let dir = CommandLine.arguments.dropFirst().first ?? "Tests/Fixtures/eval/snapshots"
guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".json") }).sorted(), !names.isEmpty else {
    FileHandle.standardError.write(Data("mcprisk-bench: no snapshot files in \(dir)\n".utf8))
    exit(2)
}
let files: [(String, [UInt8])] = names.map { ($0, Array(FileManager.default.contents(atPath: "\(dir)/\($0)") ?? Data())) }
let bytes = files.reduce(0) { $0 + $1.1.count }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kb / 1024
}

let rounds = 5
var snapshots: [ServerSnapshot] = []
let parse = try seconds {
    for _ in 0..<rounds { snapshots = try files.map { try ServerSnapshot(fileBytes: $0.1, target: $0.0) } }
}
let tools = snapshots.reduce(0) { $0 + $1.definitions.tools.count }
let definitions = snapshots.map { ScanPipeline.reviewed($0, label: $0.target) }
var assessments: [ServerAssessment] = []
let assess = seconds { for _ in 0..<rounds { assessments = definitions.map { Assessor().assess($0) } } }
let report = Report(generator: .init(version: "bench"), servers: zip(snapshots, assessments).map {
    ServerReport(target: $0.0.target, name: $0.0.definitions.serverName, status: .complete, assessment: $0.1)
})
let rules = BuiltinRules.all.map(\.description)
var rendered = 0
let render = seconds {
    for _ in 0..<rounds { for format in ReportFormat.allCases { rendered += format.render(report, rules: rules, color: false).utf8.count } }
}
var policyBytes = 0
let policy = seconds {
    for _ in 0..<rounds {
        for (d, a) in zip(definitions, assessments) {
            let doc = PolicyBuilder(profile: .recommended).build(assessment: a, server: d)
            policyBytes += PolicyFormat.policylayer.render(doc).utf8.count + PolicyFormat.intercept.render(doc).utf8.count
        }
    }
}

func line(_ stage: String, _ t: Double, _ unit: String, _ count: Int) {
    let per = t / Double(rounds)
    print(stage.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%8.1f ms per pass  %10.0f %@/s", per * 1000, Double(count) / per, unit))
}
print("mcprisk-bench: \(files.count) servers, \(tools) tools, \(bytes / 1024) KiB of snapshots, \(rounds) passes")
line("parse snapshots (JSON + validate)", parse, "tools", tools)
line("assess (classify + all rules)", assess, "tools", tools)
line("render 5 report formats", render, "tools", tools)
line("build + write 2 policy formats", policy, "tools", tools)
print(String(format: "peak memory (VmHWM): %.1f MiB", peakMemoryMiB()))
