import Foundation
import Scanner

/// The options that lift parts of the sandbox stdio servers run in (README "What a scanned server can do").
enum SandboxFlags {
    /// The option specs, in help order.
    static let specs: [OptionSpec] = [
        .flag("allow-network", "Let stdio servers use the network (the rest of the sandbox stays)"),
        .flag("allow-home", "Show stdio servers your home and the hidden secret places, and give them your HOME"),
        .value("allow-write", "PATH", repeatable: true, "Let stdio servers write PATH in place (the rest stays read-only)"),
        .flag("no-sandbox", "Start stdio servers without any sandbox, with your own rights (network and files)"),
    ]

    /// The names, for commands that pick options by name.
    static let names: Set<String> = Set(specs.map(\.name))

    /// The sandbox options named by the arguments.
    static func options(_ a: ParsedArguments) throws -> SandboxOptions {
        let lifted = ["allow-network", "allow-home"].filter { a.flag($0) } + (a.values("allow-write").isEmpty ? [] : ["allow-write"])
        if a.flag("no-sandbox"), let other = lifted.first {
            throw UsageError("--no-sandbox already lifts everything; drop --\(other)")
        }
        let cwd = FileManager.default.currentDirectoryPath
        let writable = a.values("allow-write").map { $0.hasPrefix("/") ? $0 : URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: cwd)).path }
        return SandboxOptions(enabled: !a.flag("no-sandbox"), allowNetwork: a.flag("allow-network"), allowHome: a.flag("allow-home"),
                              writablePaths: writable)
    }
}
