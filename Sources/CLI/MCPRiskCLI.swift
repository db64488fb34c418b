import Foundation
import Scanner

/// The command-line front door: picks the subcommand, parses its options, maps errors to exit statuses.
public enum MCPRiskCLI {
    /// Exit status for usage errors (BSD `EX_USAGE`).
    public static let usageStatus: Int32 = 64

    /// Every subcommand, in help order.
    static let commands: [any CLICommand.Type] = [
        ScanCommand.self, PolicyCommand.self, RulesCommand.self, CatalogueCommand.self, LockCommand.self, VerifyCommand.self,
        EvalCommand.self, DemoServerCommand.self,
    ]

    /// Every subcommand's spec, in help order.
    static var specs: [CommandSpec] {
        var result: [CommandSpec] = []
        for command in commands { result.append(command.spec) }
        return result
    }

    /// Runs mcprisk with the process arguments and exits with the status.
    public static func main() async -> Never {
        InterruptHandler.install()
        let status = await run(Array(CommandLine.arguments.dropFirst()), context: .current())
        exit(status)
    }

    /// Runs mcprisk with `arguments` (without the program name); returns the exit status.
    public static func run(_ arguments: [String], context: CommandContext) async -> Int32 {
        guard let first = arguments.first else {
            context.err(generalHelp)
            return usageStatus
        }
        switch first {
        case "--help", "-h", "help":
            if arguments.count > 1, let command = commands.first(where: { $0.spec.name == arguments[1] }) {
                context.out(command.spec.helpText)
            } else {
                context.out(generalHelp)
            }
            return 0
        case "--version", "-V", "version":
            context.out("mcprisk \(MCPRisk.version)\n")
            return 0
        default:
            break
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            context.err("Error: unknown command '\(first)'\n\n" + generalHelp)
            return usageStatus
        }
        do {
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: command.spec)
            if parsed.flag("help") {
                context.out(command.spec.helpText)
                return 0
            }
            return try await command.run(parsed, context: context)
        } catch let error as UsageError {
            context.err("Error: \(error.message)\n\n" + command.spec.helpText)
            return usageStatus
        } catch let failure as CommandFailure {
            context.err("Error: \(failure.message)\n")
            return failure.status
        } catch {
            context.err("Error: \(error)\n")
            return 2
        }
    }

    /// The top-level help.
    static var generalHelp: String {
        var lines = ["mcprisk \(MCPRisk.version): scan MCP servers before you trust them.", "", "Usage: mcprisk COMMAND [options]", "", "Commands:"]
        let visible: [CommandSpec] = specs.filter { !$0.hidden }
        let width = (visible.map { $0.name.count }.max() ?? 0) + 3
        for spec in visible {
            let sentence: String = spec.summary.components(separatedBy: ". ").first.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 } ?? spec.summary
            lines.append("  " + spec.name + String(repeating: " ", count: width - spec.name.count) + sentence + ".")
        }
        lines += ["", "Run 'mcprisk COMMAND --help' for a command's options.",
                  "Exit status: 0 complete and below --fail-on; 1 something at or above --fail-on; 2 scan incomplete; 64 usage error."]
        return lines.joined(separator: "\n") + "\n"
    }
}
