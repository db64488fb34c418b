#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts another copy of this executable in another mode, in the same process group.
enum Spawn {
    static func selfCopy(mode: String) -> Int32 {
        let path = executablePath()
        var pid: pid_t = 0
        let argv = [strdup(path), strdup(mode), nil]
        defer { for p in argv { free(p) } }
        #if os(Linux)
        let environment = environ
        #else
        let environment = _NSGetEnviron().pointee
        #endif
        let result = posix_spawn(&pid, path, nil, nil, argv, environment)
        guard result == 0 else { FixtureIO.log("fixture: cannot spawn \(path): \(result)"); exit(5) }
        return pid
    }

    static func executablePath() -> String {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { readlink("/proc/self/exe", $0, p.count) }
        }
        if n > 0 { return String(decoding: buffer[0..<n], as: UTF8.self) }
        #endif
        return CommandLine.arguments[0]
    }
}
