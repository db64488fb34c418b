import Foundation

/// Runs untrusted stdio servers without network access: on Linux, inside a new user and network
/// namespace (`unshare --map-root-user --net`), where only a private loopback exists.
public enum NetworkIsolation {
    /// Whether isolation works on this machine (checked once by running `unshare -rn true`).
    public static let isAvailable: Bool = {
        #if os(Linux)
        guard let unshare = unsharePath else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: unshare)
        probe.arguments = ["--map-root-user", "--net", "--", "/bin/true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
        #else
        return false
        #endif
    }()

    /// The util-linux `unshare` binary, if installed.
    static let unsharePath: String? = ["/usr/bin/unshare", "/bin/unshare", "/usr/sbin/unshare"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The command line that runs `command` isolated, or nil when isolation is unavailable.
    public static func wrap(_ command: String, _ arguments: [String]) -> (String, [String])? {
        guard isAvailable, let unshare = unsharePath else { return nil }
        return (unshare, ["--map-root-user", "--net", "--", command] + arguments)
    }

    /// Why a server was not started, for the report.
    public static let unavailableMessage =
        "network isolation is not available here (needs Linux user namespaces and util-linux unshare); "
        + "rerun with --allow-network to start the server with network access"
}
