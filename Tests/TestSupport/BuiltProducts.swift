import Foundation

/// Finds executables the package builds (mcprisk, the fixture server) from inside a test process.
public enum BuiltProducts {
    /// The product `name`: `$override` if set, else next to the running test binary or bundle, else in
    /// the package's build folders. Nil when it was not built.
    public static func path(of name: String, override: String? = nil) -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let override, let explicit = ProcessInfo.processInfo.environment[override] { candidates.append(explicit) }
        var dirs: [URL] = []
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        dirs.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let url = URL(fileURLWithPath: bundle.bundlePath)
            dirs.append(url.deletingLastPathComponent())
            // macOS: the bundle's executable lives in Contents/MacOS; products sit beside the bundle.
            dirs.append(url.deletingLastPathComponent().deletingLastPathComponent())
        }
        // From the test binary up to a build directory (`.build/<triple>/debug/...`).
        for dir in dirs {
            var url = dir
            for _ in 0..<4 {
                candidates.append(url.appendingPathComponent(name).path)
                url.deleteLastPathComponent()
            }
        }
        let build = RepoPaths.root.appendingPathComponent(".build")
        candidates.append(build.appendingPathComponent("debug/\(name)").path)
        if let triples = try? fm.contentsOfDirectory(atPath: build.path) {
            for triple in triples.sorted() { candidates.append(build.appendingPathComponent("\(triple)/debug/\(name)").path) }
        }
        return candidates.first { fm.isExecutableFile(atPath: $0) }
    }
}

/// Runs a program to completion and captures what it printed; kills it past a generous hang guard.
public struct CommandRun: Sendable {
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
    /// The exit status (128+signal when killed).
    public var status: Int32

    /// Runs `executable` with `arguments`, feeding `stdin`, in `directory`.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           directory: String? = nil, hangGuard: Double = 120) throws -> CommandRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let environment { p.environment = environment }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let outData = LockedData(), errData = LockedData()
        let group = DispatchGroup()
        for (handle, sink) in [(out.fileHandleForReading, outData), (err.fileHandleForReading, errData)] {
            group.enter()
            DispatchQueue.global().async { sink.set(handle.readDataToEndOfFile()); group.leave() }
        }
        if group.wait(timeout: .now() + hangGuard) == .timedOut { p.terminate() }
        group.wait()
        p.waitUntilExit()
        return CommandRun(stdout: String(decoding: outData.get(), as: UTF8.self),
                          stderr: String(decoding: errData.get(), as: UTF8.self), status: p.terminationStatus)
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
