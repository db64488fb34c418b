#if os(Linux)
import Glibc

/// Lists the live members of a process group from /proc, because `kill(-pgid, 0)` also counts
/// zombies that an init which never reaps (common in containers) keeps forever.
enum ProcessGroupScan {
    /// Pids in group `pgid` whose state is not zombie or dead; nil when /proc cannot be read.
    static func liveMembers(of pgid: pid_t) -> [pid_t]? {
        guard let dir = opendir("/proc") else { return nil }
        defer { closedir(dir) }
        var members: [pid_t] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard let pid = pid_t(name), let stat = statLine(pid) else { continue }
            if let (state, group) = parse(stat), group == pgid, state != "Z", state != "X", state != "x" {
                members.append(pid)
            }
        }
        return members
    }

    /// State letter and process group from a `/proc/PID/stat` line; the command name may hold
    /// spaces and parentheses, so fields are counted from the last `)`.
    static func parse(_ line: String) -> (state: Character, pgrp: pid_t)? {
        guard let close = line.lastIndex(of: ")") else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ")
        guard fields.count >= 3, let state = fields[0].first, let pgrp = pid_t(fields[2]) else { return nil }
        return (state, pgrp)
    }

    private static func statLine(_ pid: pid_t) -> String? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
#endif
