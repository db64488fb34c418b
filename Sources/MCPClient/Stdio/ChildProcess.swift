#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A spawned child in its own process group, with the parent's ends of its three pipes.
/// A thread blocked in `waitpid` reaps it the moment it ends (`exited` opens), so nobody polls;
/// knows how to describe how it ended and signal the whole group.
final class ChildProcess: @unchecked Sendable {
    /// The child's pid, which is also its process group id.
    let pid: pid_t
    /// Our end of the child's stdin (write), stdout (read) and stderr (read).
    let stdinFD: Int32, stdoutFD: Int32, stderrFD: Int32
    /// Opens when the child has ended and been reaped.
    let exited = AsyncLatch()
    private let lock = NSLock()
    private var exitStatus: Int32?

    private init(pid: pid_t, stdinFD: Int32, stdoutFD: Int32, stderrFD: Int32) {
        self.pid = pid; self.stdinFD = stdinFD; self.stdoutFD = stdoutFD; self.stderrFD = stderrFD
    }

    /// Reaps the child on a thread of its own as soon as it ends.
    private func startReaper() {
        let thread = Thread { [self] in
            var status: Int32 = 0
            var r: pid_t
            repeat { r = waitpid(pid, &status, 0) } while r < 0 && errno == EINTR
            lock.withLock { exitStatus = r == pid ? status : -1 }  // -1: reaped elsewhere (ECHILD)
            exited.signal()
        }
        thread.name = "mcprisk-reap-\(pid)"
        thread.start()
    }

    /// Starts `executable` with `arguments` (argv[0] included) in a new process group.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      workingDirectory: String?, displayName: String) throws(MCPError) -> ChildProcess {
        ignoreSIGPIPE
        #if canImport(Glibc)
        if workingDirectory != nil && GlibcExtras.addChdir == nil {
            throw .spawnFailed(command: displayName, reason: "this C library cannot set a working directory for posix_spawn")
        }
        #endif
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard makePipe(&stdinPipe), makePipe(&stdoutPipe), makePipe(&stderrPipe) else {
            let reason = errnoText()
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            throw .spawnFailed(command: displayName, reason: "cannot create pipes: \(reason)")
        }
        defer { close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1]) }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer { posix_spawn_file_actions_destroy(&actions); posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        #if canImport(Glibc)
        // Descriptors another thread opened without close-on-exec must not leak into the server.
        _ = GlibcExtras.addCloseFrom?(&actions, 3)
        if let workingDirectory {
            _ = GlibcExtras.addChdir?(&actions, workingDirectory)
        }
        #else
        if let workingDirectory {
            posix_spawn_file_actions_addchdir_np(&actions, workingDirectory)
        }
        #endif

        // Own process group (pgid = pid) so teardown can signal everything the server starts;
        // default dispositions and an empty mask so the server sees SIGTERM and SIGPIPE normally.
        var flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(truncatingIfNeeded: flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
            let reason = String(cString: strerror(result))
            let where_ = workingDirectory.map { " (working directory \($0))" } ?? ""
            throw .spawnFailed(command: displayName, reason: "\(reason)\(where_)")
        }
        // Writes to a server that stopped reading must fail with EAGAIN, not block a thread forever.
        let flagsNow = fcntl(stdinPipe[1], F_GETFL)
        _ = fcntl(stdinPipe[1], F_SETFL, flagsNow | O_NONBLOCK)
        let child = ChildProcess(pid: pid, stdinFD: stdinPipe[1], stdoutFD: stdoutPipe[0], stderrFD: stderrPipe[0])
        child.startReaper()
        return child
    }

    /// A pipe whose ends close on exec, so other children never inherit them.
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        #if canImport(Glibc)
        if let pipe2 = GlibcExtras.pipe2 { return pipe2(&fds, Int32(O_CLOEXEC)) == 0 }
        #endif
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    /// Writing to a closed pipe must give EPIPE, not kill the scanner.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// True once the child has ended and been reaped.
    var hasExited: Bool { lock.withLock { exitStatus != nil } }

    /// How the child ended, in words (`exit status 3`, `killed by signal 9`), or nil while it runs.
    var endDescription: String? {
        lock.lock(); defer { lock.unlock() }
        guard let status = exitStatus else { return nil }
        if status == -1 { return "ended (status unknown)" }
        let signal = status & 0x7F
        if signal == 0 { return "exit status \((status >> 8) & 0xFF)" }
        return "killed by signal \(signal)"
    }

    /// Sends `signal` to every process of the child's group.
    func signalGroup(_ signal: Int32) { _ = kill(-pid, signal) }

    /// True while any process of the group is alive (zombies waiting for a parent do not count).
    func groupIsAlive() -> Bool {
        // No member at all, not even a zombie: the usual end, answered without reading /proc.
        if kill(-pid, 0) != 0 && errno == ESRCH { return false }
        #if os(Linux)
        if let members = ProcessGroupScan.liveMembers(of: pid) { return !members.isEmpty }
        #endif
        return kill(-pid, 0) == 0 || errno == EPERM
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
