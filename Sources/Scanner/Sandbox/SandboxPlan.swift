import Foundation

/// Why a sandbox cannot be set up as asked, in words that name the path and the flag to use.
public struct SandboxProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var description: String
    /// A problem with its message.
    public init(_ description: String) { self.description = description }
}

/// What kind of thing a path names on the host, as far as hiding it goes.
enum PathKind: Sendable, Hashable { case directory, other }

/// The host facts a sandbox is planned from. Gathered by `Sandbox`; plain data so plans are testable.
struct SandboxHost: Sendable {
    /// The mount table (mount points and flags).
    var mounts: [MountEntry]
    /// The user's home directories (`$HOME`, and the password database's if it differs).
    var homes: [String]
    /// Folders whose project files (client configs, `.env`) are hidden: the server's and ours.
    var projects: [String]
    /// More files to hide, e.g. the client config the server was declared in.
    var extraHidden: [String]
    /// Our uid, for `/run/user/UID`.
    var uid: UInt32
    /// `$SSH_AUTH_SOCK`, an agent socket that signs with the user's keys.
    var sshAuthSock: String?
    /// What exists at each path (nil: nothing).
    var kind: @Sendable (String) -> PathKind?
}

/// One sandbox, step by step: what becomes read-only, private, hidden or writable. A pure value.
struct SandboxPlan: Sendable, Hashable {
    /// One mount the setup script performs, in order.
    enum Step: Sendable, Hashable {
        /// Remount a mount point read-only, repeating its locked flags.
        case readOnly(String, flags: [String])
        /// A private tmpfs holding HOME, TMPDIR and the working directory's writable layer.
        case privateSpace(String)
        /// The working directory as a copy-on-write overlay: reads see the folder, writes stay private.
        case overlay(String)
        /// An empty read-only directory over a directory.
        case hideDirectory(String)
        /// `/dev/null` over a file or socket.
        case hideFile(String)
        /// A private `/dev/shm`.
        case privateSharedMemory
        /// A path the user let the server write.
        case writable(String)
    }

    /// The steps, in the order they must run (later mounts sit on earlier ones).
    var steps: [Step]
    /// The private space (a directory created on the host, empty there; a tmpfs inside).
    var root: String
    /// HOME for the server.
    var home: String
    /// TMPDIR for the server.
    var temporary: String
    /// Where the server starts.
    var workingDirectory: String
    /// Whether the server gets an empty network namespace.
    var isolatesNetwork: Bool
    /// The places hidden, for error messages and the docs.
    var hidden: [String] {
        steps.compactMap { step in
            switch step {
            case .hideDirectory(let p), .hideFile(let p): p
            default: nil
            }
        }
    }

    /// Mount trees left alone: kernel interfaces, and device nodes (writing a device ignores `ro`).
    static let kernelTrees = ["/proc", "/sys", "/dev"]
    /// Size limit of the private space: the server's HOME, TMPDIR and working-directory writes together.
    static let privateSpaceMiB = 1024

    /// Plans the sandbox for a server starting in `workingDirectory`, with its private space at `root`.
    static func make(options: SandboxOptions, host: SandboxHost, root: String, workingDirectory: String) throws(SandboxProblem) -> SandboxPlan {
        var steps: [Step] = []
        for mount in host.mounts where !isInside(mount.mountPoint, anyOf: kernelTrees) {
            steps.append(.readOnly(mount.mountPoint, flags: mount.lockedFlags))
        }
        steps.append(.privateSpace(root))

        // Hidden places: secrets (lifted by --allow-home) and agent sockets (never lifted here).
        var candidates: [String] = []
        if !options.allowHome {
            for home in host.homes { candidates += SecretPlaces.underHome.map { join(home, $0) } }
            for project in host.projects { candidates += SecretPlaces.underProject.map { join(project, $0) } }
            candidates += host.extraHidden
        }
        candidates += SecretPlaces.sockets(uid: host.uid, sshAuthSock: host.sshAuthSock)
        var hidden: [(String, PathKind)] = []
        for path in Set(candidates.map(normalized)).sorted() {
            guard let kind = host.kind(path) else { continue }
            hidden.append((path, kind))
        }
        // A place inside another hidden place is covered already (and has no mount point left to cover).
        let hiddenPaths = hidden.map(\.0)
        hidden.removeAll { entry in hiddenPaths.contains { $0 != entry.0 && isInside(entry.0, anyOf: [$0]) } }

        if let cover = hidden.first(where: { isInside(root, anyOf: [$0.0]) }) {
            throw SandboxProblem("the temporary directory \(root) is inside \(cover.0), which the sandbox hides; set TMPDIR to another folder")
        }
        let writable = options.writablePaths.map(normalized)
        for path in writable {
            guard host.kind(path) != nil else { throw SandboxProblem("--allow-write \(path): no such file or directory") }
            if let cover = hidden.first(where: { isInside(path, anyOf: [$0.0]) }) {
                throw SandboxProblem("--allow-write \(path) is inside \(cover.0), which the sandbox hides; add --allow-home to show it")
            }
        }

        let start = normalized(workingDirectory)
        if canOverlay(start, root: root, host: host, hidden: hidden.map(\.0), writable: writable) {
            steps.append(.overlay(start))
        }
        for (path, kind) in hidden { steps.append(kind == .directory ? .hideDirectory(path) : .hideFile(path)) }
        if host.kind("/dev/shm") == .directory { steps.append(.privateSharedMemory) }
        steps += writable.map { .writable($0) }

        let home = options.allowHome ? (host.homes.first ?? join(root, "home")) : join(root, "home")
        return SandboxPlan(steps: steps, root: root, home: home, temporary: join(root, "tmp"), workingDirectory: start,
                           isolatesNetwork: !options.allowNetwork)
    }

    /// An overlay needs a folder with nothing mounted below it (an overlay shows only its own file
    /// system), a path the overlay options can carry, and a reason: not hidden, not made writable.
    static func canOverlay(_ dir: String, root: String, host: SandboxHost, hidden: [String], writable: [String]) -> Bool {
        guard dir != "/", host.kind(dir) == .directory, !isInside(dir, anyOf: kernelTrees + hidden + writable) else { return false }
        guard !dir.contains(where: { ",:\\\n\t ".contains($0) }) else { return false }
        let below = host.mounts.map(\.mountPoint) + [root]
        return !below.contains { $0 != dir && isInside($0, anyOf: [dir]) }
    }

    /// True when `path` is one of `roots` or below one of them.
    static func isInside(_ path: String, anyOf roots: [String]) -> Bool {
        roots.contains { root in path == root || path.hasPrefix(root == "/" ? "/" : root + "/") }
    }

    /// `base/relative` without doubled slashes.
    static func join(_ base: String, _ relative: String) -> String { base.hasSuffix("/") ? base + relative : base + "/" + relative }

    /// An absolute path without `.`/`..`, doubled or trailing slashes (symlinks are left: mount follows them).
    static func normalized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
