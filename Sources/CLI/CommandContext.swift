import Foundation

/// What a command may touch: its output streams, the environment, and facts about the terminal.
public struct CommandContext: Sendable {
    /// The process environment.
    public var environment: [String: String]
    /// True when standard output is a terminal (colours, terminal format by default).
    public var stdoutIsTTY: Bool
    /// True when standard error is a terminal (progress line).
    public var stderrIsTTY: Bool
    /// The path of the running mcprisk binary (to spawn `mcprisk demo-server`).
    public var executablePath: String

    /// The context of this process.
    public static func current() -> CommandContext {
        CommandContext(environment: ProcessInfo.processInfo.environment,
                       stdoutIsTTY: isatty(STDOUT_FILENO) == 1, stderrIsTTY: isatty(STDERR_FILENO) == 1,
                       executablePath: currentExecutablePath())
    }

    /// Writes text to standard output.
    public func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    /// Writes text to standard error.
    public func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// The running binary's path: /proc/self/exe on Linux, the bundle's executable elsewhere.
    static func currentExecutablePath() -> String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}

/// A failure that is not a usage error: a file that cannot be read or written, a bad input file.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file or thing.
    public var message: String
    /// The exit status to use (2 unless a command says otherwise).
    public var status: Int32
    /// A failure with a message.
    public init(_ message: String, status: Int32 = 2) { self.message = message; self.status = status }
    public var description: String { message }
}

/// A subcommand of mcprisk.
public protocol CLICommand {
    /// Name, usage, options and help.
    static var spec: CommandSpec { get }
    /// Runs with parsed arguments; returns the exit status.
    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> Int32
}
