import Testing
@testable import Scanner

/// The sandbox layout as a pure value: what becomes read-only, private, hidden or writable, on a
/// made-up host, so every rule is checked without namespaces.
struct SandboxPlanTests {
    static let mountinfo = """
        22 27 0:21 / /proc rw,relatime - proc proc rw
        23 27 0:22 / /sys rw,relatime - sysfs sysfs rw
        24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw
        25 24 0:23 / /dev/shm rw,nosuid,nodev,relatime - tmpfs tmpfs rw
        27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw
        40 27 254:1 / /home rw,nosuid,nodev,noatime - ext4 /dev/vdb rw
        41 40 254:2 / /home/me/My\\040Data ro,nosuid - ext4 /dev/vdc rw
        """

    /// A host where `existing` paths exist (directories unless they end in a file name with a dot and no slash after).
    static func host(_ directories: Set<String>, files: Set<String> = [], homes: [String] = ["/home/me"],
                     projects: [String] = ["/srv/project"]) -> SandboxHost {
        SandboxHost(mounts: MountTable.parse(mountinfo), homes: homes, projects: projects, extraHidden: ["/srv/project/mcp.json"],
                    uid: 1000, sshAuthSock: "/tmp/ssh-XYZ/agent.1",
                    kind: { directories.contains($0) ? .directory : files.contains($0) ? .other : nil })
    }

    static let directories: Set<String> = ["/", "/home/me", "/home/me/.ssh", "/home/me/.config", "/home/me/.vscode", "/srv/project",
                                           "/srv/project/.vscode", "/dev/shm", "/run/user/1000", "/tmp", "/data/out"]
    static let files: Set<String> = ["/home/me/.netrc", "/srv/project/.env", "/srv/project/mcp.json", "/tmp/ssh-XYZ/agent.1"]

    static func plan(_ options: SandboxOptions = .standard, workingDirectory: String = "/srv/project",
                     host: SandboxHost = host(directories, files: files)) throws -> SandboxPlan {
        try SandboxPlan.make(options: options, host: host, root: "/tmp/mcprisk-sandbox-abc", workingDirectory: workingDirectory)
    }

    @Test func mountinfoEscapesAreDecoded() {
        let mounts = MountTable.parse(Self.mountinfo)
        #expect(mounts.count == 8)
        #expect(mounts.last == MountEntry(mountPoint: "/home/me/My Data", options: ["ro", "nosuid"]))
        #expect(mounts[6].lockedFlags == ["nosuid", "nodev", "noatime"])
        #expect(MountTable.parse("1 2 3:4 / /a\\134b\\011c rw - x y rw\nshort line").map(\.mountPoint) == ["/a\\b\tc"])
    }

    @Test func theFullSandbox() throws {
        let plan = try Self.plan()
        #expect(plan.steps == [
            .readOnly("/", flags: ["relatime"]),
            .readOnly("/home", flags: ["nosuid", "nodev", "noatime"]),
            .readOnly("/home/me/My Data", flags: ["nosuid"]),
            .privateSpace("/tmp/mcprisk-sandbox-abc"),
            .overlay("/srv/project"),
            .hideDirectory("/home/me/.config"),
            .hideFile("/home/me/.netrc"),
            .hideDirectory("/home/me/.ssh"),
            .hideDirectory("/home/me/.vscode"),
            .hideDirectory("/run/user/1000"),
            .hideFile("/srv/project/.env"),
            .hideDirectory("/srv/project/.vscode"),
            .hideFile("/srv/project/mcp.json"),
            .hideFile("/tmp/ssh-XYZ/agent.1"),
            .privateSharedMemory,
        ])
        #expect(plan.home == "/tmp/mcprisk-sandbox-abc/home" && plan.temporary == "/tmp/mcprisk-sandbox-abc/tmp")
        #expect(plan.workingDirectory == "/srv/project" && plan.isolatesNetwork)
    }

    @Test func allowancesLiftTheirPartOnly() throws {
        let plan = try Self.plan(SandboxOptions(allowNetwork: true, allowHome: true, writablePaths: ["/data/out/"]))
        #expect(!plan.isolatesNetwork)
        #expect(plan.home == "/home/me")
        // Sockets stay hidden with --allow-home: the agent signs with the user's keys.
        #expect(plan.hidden == ["/run/user/1000", "/tmp/ssh-XYZ/agent.1"])
        #expect(plan.steps.last == .writable("/data/out"))
        #expect(plan.steps.contains(.readOnly("/", flags: ["relatime"])))
    }

    @Test func aPlaceInsideAnotherHiddenPlaceIsCoveredOnce() throws {
        // Started inside ~/.config: its project places lie inside a hidden place, and home and project overlap.
        let directories = Self.directories.union(["/home/me/.config/tool", "/home/me/.config/tool/.vscode"])
        let plan = try Self.plan(workingDirectory: "/home/me/.config/tool",
                                 host: Self.host(directories, files: Self.files, projects: ["/home/me/.config/tool", "/home/me"]))
        #expect(plan.hidden.filter { $0.hasPrefix("/home/me/.config") } == ["/home/me/.config"])
        #expect(plan.hidden.filter { $0 == "/home/me/.vscode" }.count == 1)
        #expect(!plan.steps.contains(.overlay("/home/me/.config/tool")), "a hidden folder gets no overlay")
    }

    @Test func theWorkingDirectoryIsOverlaidOnlyWhenNothingIsMountedBelowIt() throws {
        #expect(try !Self.plan(workingDirectory: "/").steps.contains(.overlay("/")))
        #expect(try !Self.plan(workingDirectory: "/home").steps.contains(.overlay("/home")), "/home/me/My Data is mounted below it")
        #expect(try !Self.plan(workingDirectory: "/tmp").steps.contains(.overlay("/tmp")), "the private space is below it")
        let odd = Self.directories.union(["/srv/a,b"])
        #expect(try !Self.plan(workingDirectory: "/srv/a,b", host: Self.host(odd, files: Self.files)).steps.contains(.overlay("/srv/a,b")))
        let writable = try Self.plan(SandboxOptions(writablePaths: ["/srv/project"]))
        #expect(!writable.steps.contains(.overlay("/srv/project")), "a writable folder is written in place")
    }

    @Test func writablePathsMustExistAndNotBeHidden() {
        #expect(throws: SandboxProblem("--allow-write /nope: no such file or directory")) {
            try Self.plan(SandboxOptions(writablePaths: ["/nope"]))
        }
        #expect(throws: SandboxProblem("--allow-write /home/me/.ssh is inside /home/me/.ssh, which the sandbox hides; add --allow-home to show it")) {
            try Self.plan(SandboxOptions(writablePaths: ["/home/me/.ssh"]))
        }
    }

    @Test func theScriptQuotesEveryPathAndDropsPrivilegesLast() throws {
        let directories = Self.directories.union(["/home/me/it's"])
        let plan = try Self.plan(SandboxOptions(writablePaths: ["/home/me/it's"]), host: Self.host(directories, files: Self.files))
        let tools = SandboxTools(unshare: "/usr/bin/unshare", mount: "/usr/bin/mount", mkdir: "/bin/mkdir", shell: "/bin/sh",
                                 setpriv: "/usr/bin/setpriv", unshareMapsUsers: true)
        let script = SandboxScript.render(plan, tools: tools, uid: 1000, gid: 100)
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines.contains("'/usr/bin/mount' --bind '/home/me/it'\\''s' '/home/me/it'\\''s' && '/usr/bin/mount' -o remount,bind,rw '/home/me/it'\\''s' || fail 'cannot make /home/me/it'\\''s writable'"))
        #expect(lines.contains("r=$('/usr/bin/mount' -o remount,bind,ro,relatime '/' 2>&1) || ! cd '/' 2>/dev/null || fail 'cannot make / read-only: '\"$r\""))
        #expect(lines.suffix(2) == ["'/usr/bin/unshare' --user --map-user=1000 --map-group=100 -- \"$@\"", "exit $?"])
        var old = tools
        old.unshareMapsUsers = false
        #expect(SandboxScript.render(plan, tools: old, uid: 1000, gid: 100).contains("'/usr/bin/setpriv' --inh-caps=-all --bounding-set=-all --no-new-privs -- \"$@\""))
    }
}
