#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The process groups of stdio servers that are running now. Servers run in their own groups, so
/// a Ctrl-C in the terminal does not reach them; the CLI calls `killAll` when it is interrupted.
public enum LiveProcessGroups {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<Int32> = []

    static func add(_ pgid: Int32) { lock.withLock { _ = groups.insert(pgid) } }
    static func remove(_ pgid: Int32) { lock.withLock { _ = groups.remove(pgid) } }

    /// The groups still registered.
    public static var current: Set<Int32> { lock.withLock { groups } }

    /// Sends SIGKILL to every running server's process group (for an interrupted scan).
    public static func killAll() {
        for pgid in current { _ = kill(-pgid, SIGKILL) }
    }
}
