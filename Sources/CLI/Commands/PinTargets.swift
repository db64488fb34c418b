import Catalogue
import Foundation
import JSON
import MCPClient
import Reports
import Risk
import Scanner

/// How `lock` records each server's target in the pin file, and how `verify` reaches it again: the
/// target words as they would be given to `mcprisk lock` (never header or environment values).
enum PinTargets {
    /// The words that reach `planned` again; a failure when the target cannot be written down safely.
    static func words(_ planned: PlannedTarget) throws -> [String] {
        if let source = planned.source { return ["--config", source.path] }
        switch planned.target {
        case .failure(let problem):
            throw CommandFailure("cannot pin \(planned.label): \(problem.message)")
        case .success(.stdio(let c)) where c.isTrustedDemo:
            return ["--demo"] + (c.arguments.count >= 3 && c.arguments[1] == "--variant" ? ["--variant", c.arguments[2]] : [])
        case .success(.stdio(let c)):
            return ["--", c.command] + c.arguments
        case .success(.remote(let endpoint)):
            if endpoint.url.contains("?") || endpoint.display.contains("…@") {
                throw CommandFailure("cannot pin \(endpoint.display): its URL holds credentials or query values, which would be committed in the lock file")
            }
            return [endpoint.url]
        case .success(.file(let path)):
            return [path]
        }
    }

    /// The target a pinned server's words name, or nil when they no longer name it (e.g. a config
    /// file that lost the server).
    static func planned(_ server: LockFile.Server, context: CommandContext) throws -> PlannedTarget? {
        let parsed: ParsedArguments
        do { parsed = try ParsedArguments(server.target, spec: LockCommand.spec) } catch {
            throw CommandFailure("the lock file's target for \(server.name) is not valid: \(error.message)")
        }
        let candidates = try TargetOptions.targets(parsed, context: context)
        return candidates.first { $0.label == server.name } ?? (candidates.count == 1 && parsed.values("config").isEmpty ? candidates[0] : nil)
    }

    /// The pinned tools of a complete snapshot.
    static func tools(of snapshot: ServerSnapshot, label: String) -> [LockedTool] {
        LockedTool.tools(definitions: snapshot.definitions.tools, assessment: Assessor().assess(ScanPipeline.reviewed(snapshot, label: label)))
    }
}
