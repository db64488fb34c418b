// mcprisk-bench: how fast the offline stages are on real definitions. Run in release mode:
//   swift run -c release mcprisk-bench [DIR] [--passes N]
//   swift run -c release mcprisk-bench DIR --growth LARGER_DIR [--runs N] [--keep-mib N]   (how a scan of several servers grows)
//   swift run -c release mcprisk-bench [DIR] --rules-only   (assess without the learned reading)
// DIR defaults to Tests/Fixtures/eval/snapshots (every .json below it). Each pass reads, parses,
// assesses, builds both policies and renders all five report formats, server by server, as
// `mcprisk scan DIR` does (single-threaded here, so each stage's cost is its own); the reports are
// written to memory when the folder is small and only counted when it is large. It prints each
// stage's time and throughput and the peak memory (VmHWM). Benchmarks/README.md has the catalogue
// benchmark and the side-by-side command.
import Foundation
import JSON
import MCPClient
import Policy
import Reports
import Risk
import Scanner

var arguments = Array(CommandLine.arguments.dropFirst())
/// The value of `--name N` (removed from the arguments), or `fallback`.
@MainActor func count(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n >= 0 else { return fallback }
    arguments.removeSubrange(i...(i + 1))
    return n
}
let passes = max(1, count("--passes", 5))
// Further passes that only render the reports of a small folder again (to profile rendering alone).
let renderPasses = count("--render-passes", 0)
// Instead of the stages one by one: the scan pipeline itself on every core, the JSON report counted.
let pipeline = arguments.contains("--pipeline")
// `--growth LARGE [--runs N]`: DIR and LARGE scanned alternately with the checks across servers; the ratio.
let growthRuns = max(1, count("--runs", 3))
// `--keep-mib N`: saved files kept from the first pass up to N MiB in all (the scan's default otherwise);
// past it a file is read and parsed again in the second pass.
let keepMiB = count("--keep-mib", -1)
let growthLarge: String? = {
    guard let i = arguments.firstIndex(of: "--growth"), i + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return arguments[i + 1]
}()
let independent = arguments.contains("--independent")
// `--rules-only`: assess without the learned reading, to time what it costs.
let rulesOnly = arguments.contains("--rules-only")
arguments.removeAll { $0 == "--pipeline" || $0 == "--independent" || $0 == "--rules-only" }
let dir = arguments.first ?? "Tests/Fixtures/eval/snapshots"
guard let paths = try? SnapshotDirectory.files(in: dir), !paths.isEmpty else {
    FileHandle.standardError.write(Data("mcprisk-bench: no snapshot files in \(dir)\n".utf8))
    exit(2)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kb / 1024
}

/// A spool that only counts: large runs measure rendering without holding gigabytes of reports.
final class CountingSpool: Spool, ByteSink {
    var count = 0
    func append(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
    func write(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
    func copy(_ range: Range<Int>, to sink: any ByteSink) throws { (sink as? CountingSpool)?.count += range.count }
}

/// `mcprisk scan DIR --format json`, less writing the file: each server read, assessed (against the
/// others' tool names unless `independent`), rendered and spooled, one job per core.
func runPipeline(_ paths: [String], independent: Bool) async throws -> (seconds: Double, totals: ReportTotals, bytes: Int) {
    let start = now()
    var options = ScanOptions(jobs: ProcessInfo.processInfo.activeProcessorCount)
    options.timeout = 60
    var scan = StreamingScan(options: options, policyFormat: .policylayer)
    scan.checksAcrossServers = !independent
    if keepMiB >= 0 { scan.keptFileBytes = keepMiB << 20 }
    let renderer = ReportFormat.json.renderer(rules: BuiltinRules.all.map(\.description), color: false)
    let assembler = try renderer.assembler(makeSpool: { CountingSpool() })
    var totals = ReportTotals(failOn: nil)
    try await scan.run(paths.map { PlannedTarget.direct(.file(path: $0)) }) { _, _, _ in
    } prepare: { server, index in
        (server, renderer.parts(server, index: index))
    } deliver: { prepared in
        totals.add(prepared.0)
        try assembler.add(prepared.1)
    }
    let sink = CountingSpool()
    try assembler.finish(totals, generator: Report.Generator(version: "bench"), to: sink)
    return (Double(now() - start) / 1e9, totals, sink.count)
}

if let large = growthLarge {
    // How a scan's cost grows with its servers: DIR (small) and LARGE scanned with every check across
    // servers, alternating, `--runs` times each; the medians and their ratio.
    guard let largePaths = try? SnapshotDirectory.files(in: large), !largePaths.isEmpty else {
        FileHandle.standardError.write(Data("mcprisk-bench: no snapshot files in \(large)\n".utf8))
        exit(2)
    }
    var small: [Double] = [], big: [Double] = []
    var smallTools = 0, bigTools = 0
    for _ in 0..<growthRuns {
        let s = try await runPipeline(paths, independent: false)
        let b = try await runPipeline(largePaths, independent: false)
        small.append(s.seconds); big.append(b.seconds)
        smallTools = s.totals.tools; bigTools = b.totals.tools
    }
    func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
    print("mcprisk-bench --growth: scan pipeline with the checks across servers, \(growthRuns) alternating runs each, "
          + "\(ProcessInfo.processInfo.activeProcessorCount) jobs")
    print(String(format: "%6d servers %7d tools  median %.2f s  (runs: %@)", paths.count, smallTools, median(small),
                 small.map { String(format: "%.2f", $0) }.joined(separator: " ")))
    print(String(format: "%6d servers %7d tools  median %.2f s  (runs: %@)", largePaths.count, bigTools, median(big),
                 big.map { String(format: "%.2f", $0) }.joined(separator: " ")))
    print(String(format: "ratio %.1fx for %.1fx the servers (%.1fx the tools); peak memory (VmHWM) %.1f MiB", median(big) / median(small),
                 Double(largePaths.count) / Double(paths.count), Double(bigTools) / Double(max(smallTools, 1)), peakMemoryMiB()))
    exit(0)
}

if pipeline {
    let (seconds, totals, bytes) = try await runPipeline(paths, independent: independent)
    print("mcprisk-bench --pipeline\(independent ? " --independent" : ""): \(totals.servers) servers, \(totals.tools) tools, "
          + "\(ProcessInfo.processInfo.activeProcessorCount) jobs")
    print(String(format: "scan pipeline (read, parse, assess, policy, render JSON)  %.2f s  %.0f tools/s", seconds, Double(totals.tools) / seconds))
    print(String(format: "JSON report: %.1f MiB; peak memory (VmHWM): %.1f MiB", Double(bytes) / 1_048_576, peakMemoryMiB()))
    exit(0)
}

// Small folders (the eval snapshots: 245 servers) are rendered whole into memory (what a scan writes);
// large ones are only counted, and SARIF, which must read its results back to choose them, is then
// timed on its parts alone.
let inMemory = paths.count <= 400
if renderPasses > 0 && !inMemory {
    FileHandle.standardError.write(Data("mcprisk-bench: --render-passes needs a folder of at most 400 servers (they are kept in memory)\n".utf8))
    exit(64)
}
let rules = BuiltinRules.all.map(\.description)
let renderers = ReportFormat.allCases.map { $0.renderer(rules: rules, color: false) }
var nanos = (read: UInt64(0), parse: UInt64(0), assess: UInt64(0), policy: UInt64(0), render: UInt64(0))
var tools = 0, bytes = 0, reportBytes = 0, servers = 0, policyBytes = 0
var kept: [ServerReport] = []

for _ in 0..<passes {
    let assemblers = try renderers.map { try $0.assembler(makeSpool: { inMemory ? MemoryBytes() as any Spool : CountingSpool() }) }
    var totals = ReportTotals(failOn: nil)
    tools = 0; bytes = 0; servers = 0
    for (index, path) in paths.enumerated() {
        var t = now()
        let data = Array(FileManager.default.contents(atPath: path) ?? Data())
        var u = now(); nanos.read += u - t; t = u
        let snapshot = (try? ServerSnapshot(fileBytes: data, target: path)) ?? .failed(target: path, error: .invalidTarget("unreadable"))
        u = now(); nanos.parse += u - t; t = u
        let reviewed = ScanPipeline.reviewed(snapshot, label: path)
        let assessment = Assessor(learned: !rulesOnly).assess(reviewed)
        u = now(); nanos.assess += u - t; t = u
        let document = PolicyBuilder(profile: .recommended).build(assessment: assessment, server: reviewed)
        let policy = PolicyFormat.policylayer.render(document)
        _ = PolicyFormat.intercept.render(document)
        u = now(); nanos.policy += u - t; t = u
        // Without the policy text, as the figures in README and docs/benchmarks.md were first taken.
        let server = ServerReport(target: path, name: snapshot.definitions.serverName, status: snapshot.completeness == .complete ? .complete : .failed,
                                  assessment: assessment)
        policyBytes += policy.utf8.count
        totals.add(server)
        if inMemory && renderPasses > 0 && kept.count < paths.count { kept.append(server) }
        for (renderer, assembler) in zip(renderers, assemblers) where inMemory || !(renderer is SARIFRenderer) {
            try assembler.add(renderer.parts(server, index: index))
        }
        if !inMemory { _ = renderers[3].parts(server, index: index) }
        u = now(); nanos.render += u - t
        tools += assessment.tools.count; bytes += data.count; servers += 1
    }
    let t = now()
    reportBytes = 0
    for (renderer, assembler) in zip(renderers, assemblers) where inMemory || !(renderer is SARIFRenderer) {
        let sink = inMemory ? MemoryBytes() as any ByteSink : CountingSpool()
        try assembler.finish(totals, generator: Report.Generator(version: "bench"), to: sink)
        reportBytes += (sink as? MemoryBytes)?.count ?? (sink as? CountingSpool)?.count ?? 0
    }
    nanos.render += now() - t
}

var renderOnly = UInt64(0)
var perFormat = [UInt64](repeating: 0, count: ReportFormat.allCases.count)
let report = Report(generator: .init(version: "bench"), servers: kept)
for _ in 0..<renderPasses {
    // As `scan` writes them: bytes rendered server by server, assembled in memory, no String made.
    for (k, renderer) in renderers.enumerated() {
        let t = now()
        let assembler = try renderer.assembler(makeSpool: { MemoryBytes() })
        var totals = ReportTotals(failOn: nil)
        for (i, server) in report.servers.enumerated() {
            totals.add(server)
            try assembler.add(renderer.parts(server, index: i))
        }
        try assembler.finish(totals, generator: report.generator, to: MemoryBytes())
        perFormat[k] += now() - t
    }
}
renderOnly = perFormat.reduce(0, +)

@MainActor func line(_ stage: String, _ ns: UInt64) {
    let per = Double(ns) / 1e9 / Double(passes)
    print(stage.padding(toLength: 38, withPad: " ", startingAt: 0)
          + String(format: "%9.1f ms per pass  %10.0f tools/s", per * 1000, Double(tools) / per))
}
print("mcprisk-bench: \(servers) servers, \(tools) tools, \(bytes / 1024) KiB of snapshots, \(passes) passes\(inMemory ? "" : ", reports counted not kept")")
line("read files", nanos.read)
line("parse snapshots (JSON + validate)", nanos.parse)
line("assess (classify + all rules)", nanos.assess)
line("build + write 2 policy formats", nanos.policy)
line("render 5 report formats", nanos.render)
if renderPasses > 0 {
    let per = Double(renderOnly) / 1e9 / Double(renderPasses)
    print("render 5 report formats only".padding(toLength: 38, withPad: " ", startingAt: 0)
          + String(format: "%9.1f ms per pass  %10.0f tools/s (%d passes)", per * 1000, Double(tools) / per, renderPasses))
    for (k, format) in ReportFormat.allCases.enumerated() { line("  \(format.rawValue)", perFormat[k] * UInt64(passes) / UInt64(renderPasses)) }
}
print(String(format: "reports: %.1f MiB per pass; peak memory (VmHWM): %.1f MiB", Double(reportBytes) / 1_048_576, peakMemoryMiB()))
