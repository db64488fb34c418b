#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whether a process still runs, for teardown tests.
public enum ProcessProbe {
    /// True when `pid` exists and is not a zombie (an unreaped dead process is not running).
    public static func isRunning(_ pid: Int32) -> Bool {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
        #else
        return kill(pid, 0) == 0
        #endif
    }
}
