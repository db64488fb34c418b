#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the program a command names, as a shell would, but against the child's `PATH`.
public enum ExecutableLookup {
    /// An absolute path for `command`: paths containing `/` are taken relative to `currentDirectory`;
    /// bare names are searched in `path`'s directories for an executable regular file.
    public static func resolve(_ command: String, path: String?, currentDirectory: String) throws(MCPError) -> String {
        guard !command.isEmpty else { throw .spawnFailed(command: command, reason: "the command is empty") }
        if command.contains("/") {
            let full = command.hasPrefix("/") ? command : join(currentDirectory, command)
            if let problem = unusable(full) { throw .spawnFailed(command: command, reason: problem) }
            return full
        }
        let searchPath = path ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let dir = directory.isEmpty ? currentDirectory : String(directory)
            let candidate = join(dir.hasPrefix("/") ? dir : join(currentDirectory, dir), command)
            if unusable(candidate) == nil { return candidate }
        }
        throw .spawnFailed(command: command, reason: "not found in PATH (\(searchPath))")
    }

    /// Why `path` cannot be executed, or nil when it can.
    static func unusable(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "no such file (\(path))" }
        guard Int(info.st_mode) & Int(S_IFMT) == Int(S_IFREG) else { return "not a regular file (\(path))" }
        guard access(path, X_OK) == 0 else { return "not executable (\(path))" }
        return nil
    }

    static func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }

    /// The process's current directory.
    public static func currentDirectory() -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let ok = buffer.withUnsafeMutableBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { getcwd($0, p.count) } != nil
        }
        guard ok else { return "/" }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }
}
