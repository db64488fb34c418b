import Foundation
import MCPClient

/// Finds and launches `mcprisk-fixture-server`, the hostile stdio server the client tests run.
public enum FixtureServer {
    /// The fixture executable: `MCPRISK_FIXTURE_SERVER` if set, else next to the running test
    /// binary or bundle, else in the package's build products. Nil when it was not built.
    public static let executablePath: String? = BuiltProducts.path(of: "mcprisk-fixture-server", override: "MCPRISK_FIXTURE_SERVER")

    /// A launch description for `mode` (and extra arguments), with the given limits.
    public static func launch(_ mode: String, _ extra: [String] = [], limits: StdioLimits = .standard) -> StdioLaunch? {
        guard let path = executablePath else { return nil }
        return StdioLaunch(command: path, arguments: [mode] + extra, limits: limits)
    }

    /// Why the fixture could not be found, for a test failure message.
    public static let missingMessage = "mcprisk-fixture-server was not found next to the tests or in .build; build it (swift build --build-tests builds it) or set MCPRISK_FIXTURE_SERVER"
}
