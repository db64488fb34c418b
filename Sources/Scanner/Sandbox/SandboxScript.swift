/// The programs the setup script runs, by absolute path so the child's PATH cannot replace them.
struct SandboxTools: Sendable, Hashable {
    /// util-linux `unshare`.
    var unshare: String
    /// util-linux `mount`.
    var mount: String
    /// `mkdir`.
    var mkdir: String
    /// A POSIX shell.
    var shell: String
    /// util-linux `setpriv`, used to drop privileges when `unshare` lacks `--map-user` (before 2.38).
    var setpriv: String?
    /// Whether `unshare` has `--map-user`/`--map-group` (util-linux 2.38).
    var unshareMapsUsers: Bool
}

/// The shell script that sets a sandbox up inside its namespaces and then runs the server. It runs as
/// root of a new user namespace (which only maps the user's own uid), so it can mount there and
/// nowhere else; the server then runs in a nested user namespace as the user again, with no
/// capability over these mounts, so it can neither unmount what hides a secret nor remount anything
/// writable. The script stays as the namespace's first process, so the server gets SIGTERM normally
/// (a PID namespace's first process ignores signals it has no handler for).
enum SandboxScript {
    /// Exit status of a setup step that failed; its message on stderr starts with `mcprisk sandbox:`.
    static let setupFailureStatus: Int32 = 125

    /// The script for `plan`; the server's command line follows as `"$@"`.
    static func render(_ plan: SandboxPlan, tools: SandboxTools, uid: UInt32, gid: UInt32) -> String {
        let m = quoted(tools.mount)
        var lines = [
            "set -u",
            "fail() { printf 'mcprisk sandbox: %s\\n' \"$1\" >&2; exit \(setupFailureStatus); }",
        ]
        for step in plan.steps {
            switch step {
            case .readOnly(let path, let flags):
                // A mount the user cannot even enter (another user's runtime folder) is out of the server's
                // reach too, so failing to remount it is fine; any other failure stops the sandbox.
                let options = (["remount", "bind", "ro"] + flags).joined(separator: ",")
                lines.append("r=$(\(m) -o \(options) \(quoted(path)) 2>&1) || ! cd \(quoted(path)) 2>/dev/null "
                             + "|| fail \(quoted("cannot make \(path) read-only: "))\"$r\"")
            case .privateSpace(let root):
                let dirs = ["home", "tmp", ".overlay/upper", ".overlay/work"].map { quoted(SandboxPlan.join(root, $0)) }
                lines.append("\(m) -t tmpfs -o size=\(SandboxPlan.privateSpaceMiB)m,mode=0700 mcprisk-private \(quoted(root)) "
                             + "&& \(quoted(tools.mkdir)) -p \(dirs.joined(separator: " ")) || fail \(quoted("cannot mount the private space at \(root)"))")
            case .overlay(let dir):
                let upper = SandboxPlan.join(plan.root, ".overlay/upper"), work = SandboxPlan.join(plan.root, ".overlay/work")
                // Kernels before 5.11 refuse overlays in user namespaces: the folder then stays read-only.
                lines.append("\(m) -t overlay -o \(quoted("lowerdir=\(dir),upperdir=\(upper),workdir=\(work)")) mcprisk-workdir \(quoted(dir)) 2>/dev/null || :")
            case .hideDirectory(let path):
                lines.append("\(m) -t tmpfs -o ro,size=4k,mode=0555 mcprisk-hidden \(quoted(path)) || fail \(quoted("cannot hide \(path)"))")
            case .hideFile(let path):
                lines.append("\(m) --bind /dev/null \(quoted(path)) || fail \(quoted("cannot hide \(path)"))")
            case .privateSharedMemory:
                lines.append("\(m) -t tmpfs -o nosuid,nodev,size=64m,mode=1777 mcprisk-shm /dev/shm || fail 'cannot mount a private /dev/shm'")
            case .writable(let path):
                lines.append("\(m) --bind \(quoted(path)) \(quoted(path)) && \(m) -o remount,bind,rw \(quoted(path)) "
                             + "|| fail \(quoted("cannot make \(path) writable"))")
            }
        }
        lines.append("cd \(quoted(plan.workingDirectory)) 2>/dev/null || cd \(quoted(plan.home)) || fail 'no working directory'")
        if tools.unshareMapsUsers {
            lines.append("\(quoted(tools.unshare)) --user --map-user=\(uid) --map-group=\(gid) -- \"$@\"")
        } else if let setpriv = tools.setpriv {
            lines.append("\(quoted(setpriv)) --inh-caps=-all --bounding-set=-all --no-new-privs -- \"$@\"")
        } else {
            lines.append("fail 'neither unshare --map-user (util-linux 2.38) nor setpriv is available to drop privileges'")
        }
        lines.append("exit $?")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A word quoted for a POSIX shell.
    static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
