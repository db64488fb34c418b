import Foundation
import MCPClient

/// Finds and launches `mcprisk-fixture-server`, the hostile stdio server the client tests run.
public enum FixtureServer {
    /// The fixture executable: `MCPRISK_FIXTURE_SERVER` if set, else next to the running test
    /// binary or bundle, else in the package's build products. Nil when it was not built.
    public static let executablePath: String? = {
        let name = "mcprisk-fixture-server"
        let fm = FileManager.default
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["MCPRISK_FIXTURE_SERVER"] { candidates.append(explicit) }
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
    }()

    /// A launch description for `mode` (and extra arguments), with the given limits.
    public static func launch(_ mode: String, _ extra: [String] = [], limits: StdioLimits = .standard) -> StdioLaunch? {
        guard let path = executablePath else { return nil }
        return StdioLaunch(command: path, arguments: [mode] + extra, limits: limits)
    }

    /// Why the fixture could not be found, for a test failure message.
    public static let missingMessage = "mcprisk-fixture-server was not found next to the tests or in .build; build it (swift build --build-tests builds it) or set MCPRISK_FIXTURE_SERVER"
}
