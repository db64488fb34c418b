import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs untrusted stdio servers in a sandbox (Linux): new user, mount, PID and network namespaces
/// made with util-linux `unshare`, where the file system is read-only, secret places are hidden,
/// HOME, TMPDIR and the working directory are private, and there is no network. `SandboxPlan` says
/// what is mounted where; `SandboxScript` does it inside the namespaces before starting the server.
public enum Sandbox {
    /// A sandbox prepared for one server: the command line to start instead of the server's, the
    /// variables to set, and the private space to remove once the server has ended.
    public struct Prepared: Sendable {
        /// The program to start (`unshare`).
        public var program: String
        /// Its arguments, ending with the server's command line.
        public var arguments: [String]
        /// Variables to set for the server (HOME and TMPDIR).
        public var environment: [String: String]
        /// The plan, for tests and messages.
        var plan: SandboxPlan

        /// Removes the private space's mount point (empty on the host: the files lived in the namespace).
        public func cleanUp() {
            try? FileManager.default.removeItem(atPath: plan.root)
            Sandbox.liveRoots.remove(plan.root)
        }
    }

    /// Private spaces of servers running now, so an interrupted scan can remove them too.
    static let liveRoots = LiveRoots()

    /// Removes the private space of every server still running (for an interrupted scan, after its servers were killed).
    public static func cleanUpAll() {
        for root in liveRoots.all { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Whether the sandbox works here, or why not (checked once, by setting one up around `true`).
    public static let availability: Result<Void, SandboxProblem> = probe()

    /// True when the sandbox works on this machine.
    public static var isAvailable: Bool { if case .success = availability { true } else { false } }

    /// Why a server was not started without `--no-sandbox`, for the report.
    public static var unavailableMessage: String {
        guard case .failure(let problem) = availability else { return "" }
        return "the sandbox for stdio servers is not available here (\(problem)); on Ubuntu 24.04 see README "
            + "'Sandbox and user namespaces'; or rerun with --no-sandbox to start the server with your own rights"
    }

    /// Wraps `program arguments` (already resolved to a path) in a sandbox. `hidden` adds files to hide,
    /// e.g. the client config the server came from.
    public static func prepare(program: String, arguments: [String], workingDirectory: String?, options: SandboxOptions,
                               hidden: [String] = []) throws(SandboxProblem) -> Prepared {
        if case .failure(let problem) = availability { throw problem }
        guard let tools = Self.tools else { throw SandboxProblem("util-linux unshare and mount are not installed") }
        return try prepare(program: program, arguments: arguments, workingDirectory: workingDirectory, options: options,
                           hidden: hidden, tools: tools)
    }

    static func prepare(program: String, arguments: [String], workingDirectory: String?, options: SandboxOptions,
                        hidden: [String], tools: SandboxTools) throws(SandboxProblem) -> Prepared {
        let root = try makePrivateSpace()
        do throws(SandboxProblem) {
            let start = workingDirectory ?? FileManager.default.currentDirectoryPath
            let host = currentHost(projects: [start, FileManager.default.currentDirectoryPath], extraHidden: hidden)
            let plan = try SandboxPlan.make(options: options, host: host, root: root, workingDirectory: start)
            if let cover = plan.hidden.first(where: { SandboxPlan.isInside(SandboxPlan.normalized(program), anyOf: [$0]) }) {
                throw SandboxProblem("the server's program \(program) is inside \(cover), which the sandbox hides; rerun with --allow-home")
            }
            let script = SandboxScript.render(plan, tools: tools, uid: getuid(), gid: getgid())
            var flags = ["--mount", "--map-root-user", "--pid", "--fork", "--mount-proc", "--kill-child"]
            if plan.isolatesNetwork { flags.append("--net") }
            liveRoots.insert(root)
            return Prepared(program: tools.unshare,
                            arguments: flags + ["--", tools.shell, "-c", script, "mcprisk-sandbox", program] + arguments,
                            environment: ["HOME": plan.home, "TMPDIR": plan.temporary], plan: plan)
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
    }

    /// The host facts for a plan, read now.
    static func currentHost(projects: [String], extraHidden: [String]) -> SandboxHost {
        var homes: [String] = []
        if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") { homes.append(home) }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            let home = String(cString: dir)
            if home.hasPrefix("/") && home != "/" && !homes.contains(home) { homes.append(home) }
        }
        return SandboxHost(mounts: MountTable.current(), homes: homes, projects: projects, extraHidden: extraHidden,
                           uid: getuid(), sshAuthSock: ProcessInfo.processInfo.environment["SSH_AUTH_SOCK"],
                           kind: { path in
                               var isDirectory: ObjCBool = false
                               guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
                               return isDirectory.boolValue ? .directory : .other
                           })
    }

    /// A new empty directory for the private space (its contents live only inside the namespace).
    static func makePrivateSpace() throws(SandboxProblem) -> String {
        var template = Array((NSTemporaryDirectory() + "/mcprisk-sandbox-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw SandboxProblem("cannot create a directory in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        return SandboxPlan.normalized(String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The util-linux programs, if installed (Linux only).
    static let tools: SandboxTools? = {
        #if os(Linux)
        func find(_ name: String) -> String? {
            ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let unshare = find("unshare"), let mount = find("mount"), let mkdir = find("mkdir"), let shell = find("sh") else { return nil }
        let help = run(unshare, ["--help"]).output
        return SandboxTools(unshare: unshare, mount: mount, mkdir: mkdir, shell: shell, setpriv: find("setpriv"),
                            unshareMapsUsers: help.contains("--map-user"))
        #else
        return nil
        #endif
    }()

    /// Sets a sandbox up around `true` and says what failed, if anything.
    static func probe() -> Result<Void, SandboxProblem> {
        #if os(Linux)
        guard let tools else { return .failure(SandboxProblem("util-linux unshare and mount are not installed")) }
        let prepared: Prepared
        do {
            prepared = try prepare(program: "/bin/true", arguments: [], workingDirectory: "/", options: .standard, hidden: [], tools: tools)
        } catch {
            return .failure(error)
        }
        defer { prepared.cleanUp() }
        let outcome = run(prepared.program, prepared.arguments)
        if outcome.status == 0 { return .success(()) }
        let said = outcome.output.split(separator: "\n").last.map(String.init) ?? "exit status \(outcome.status)"
        return .failure(SandboxProblem("setting it up failed: \(said)"))
        #else
        return .failure(SandboxProblem("it needs Linux namespaces"))
        #endif
    }

    /// Runs a helper program to the end; stdout and stderr together.
    static func run(_ program: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A locked set of paths (Synchronization's Mutex needs macOS 15; the package supports 13).
final class LiveRoots: @unchecked Sendable {
    private let lock = NSLock()
    private var roots: Set<String> = []
    func insert(_ root: String) { lock.withLock { _ = roots.insert(root) } }
    func remove(_ root: String) { lock.withLock { _ = roots.remove(root) } }
    var all: Set<String> { lock.withLock { roots } }
}
