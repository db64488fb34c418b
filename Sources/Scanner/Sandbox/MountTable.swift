import Foundation

/// One line of `/proc/self/mountinfo`: where a file system is mounted and its per-mount flags.
struct MountEntry: Sendable, Hashable {
    /// The mount point, with the kernel's octal escapes (`\040` for a space) decoded.
    var mountPoint: String
    /// The per-mount options (`rw`, `nosuid`, `relatime`, …).
    var options: [String]

    /// The flags a remount must repeat: in a user namespace the kernel refuses to clear a flag the
    /// mount was created with (`nosuid`, `nodev`, `noexec`, and the atime mode are locked).
    var lockedFlags: [String] {
        options.filter { ["nosuid", "nodev", "noexec", "noatime", "nodiratime", "relatime", "strictatime"].contains($0) }
    }
}

/// The mount table of this process, read from `/proc/self/mountinfo` (Linux only).
enum MountTable {
    /// The mounts in the order the kernel lists them; empty when the file cannot be read.
    static func current() -> [MountEntry] {
        guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return [] }
        return parse(text)
    }

    /// Parses mountinfo text; malformed lines are skipped.
    static func parse(_ text: String) -> [MountEntry] {
        text.split(separator: "\n").compactMap { line in
            // id parent major:minor root mount-point options [optional…] - type source super-options
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count >= 6 else { return nil }
            return MountEntry(mountPoint: unescape(fields[4]), options: fields[5].split(separator: ",").map(String.init))
        }
    }

    /// Decodes the `\ooo` octal escapes the kernel writes for space, tab, newline and backslash.
    static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let raw = Array(field.utf8)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\\"), i + 3 < raw.count {
                let digits = raw[(i + 1)...(i + 3)]
                if digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }) {
                    bytes.append(digits.reduce(0) { $0 &* 8 &+ ($1 - UInt8(ascii: "0")) })
                    i += 4
                    continue
                }
            }
            bytes.append(raw[i])
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
