import Foundation
import TestSupport

/// External programs some tests need (chromium, Python with jsonschema): found or not, and whether
/// their absence must fail the run (env `CI` set) rather than skip the test.
enum ExternalTools {
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// The first executable among `candidates` (absolute paths or names on PATH).
    static func find(_ candidates: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for c in candidates {
            if c.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: c) { return c } ; continue }
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(c)") {
                return "\(dir)/\(c)"
            }
        }
        return nil
    }

    static let chromium = find(["chromium", "chromium-browser", "google-chrome"])

    /// The repo-root `.venv` Python when it has `jsonschema`.
    static let schemaPython: String? = {
        let python = RepoPaths.file(".venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        return (try? run(python, ["-c", "import jsonschema"], timeout: 60))?.status == 0 ? python : nil
    }()

    /// The repo-root `.venv` Python when it has `markdown_it` (markdown-it-py, a CommonMark parser).
    static let markdownPython: String? = {
        let python = RepoPaths.file(".venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        return (try? run(python, ["-c", "import markdown_it"], timeout: 60))?.status == 0 ? python : nil
    }()

    struct Outcome { var status: Int32; var stdout: String; var stderr: String }

    /// Runs a program with a time limit (it is killed when the limit passes), collecting its output.
    static func run(_ program: String, _ arguments: [String], timeout: TimeInterval) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Files, not pipes: nothing can block on a full pipe buffer.
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate(); Thread.sleep(forTimeInterval: 0.5); if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
