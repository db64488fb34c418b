import Reports

/// One server to scan, as the command line or a config file named it.
public struct PlannedTarget: Sendable, Hashable {
    /// The name to show: the config key, or the target itself.
    public var label: String
    /// How to reach it, or why it cannot be reached.
    public var target: Result<ScanTarget, ConfigProblem>
    /// The config file that declared it, if any.
    public var source: ServerReport.SourceLocation?

    /// A planned target from its parts.
    public init(label: String, target: Result<ScanTarget, ConfigProblem>, source: ServerReport.SourceLocation? = nil) {
        self.label = label; self.target = target; self.source = source
    }

    /// A target given directly on the command line.
    public static func direct(_ target: ScanTarget) -> PlannedTarget {
        PlannedTarget(label: target.display, target: .success(target))
    }

    /// The servers of a client config file.
    public static func fromConfig(_ servers: [ConfiguredServer]) -> [PlannedTarget] {
        servers.map { PlannedTarget(label: $0.name, target: $0.target, source: .init(path: $0.file, line: $0.line)) }
    }

    /// What reports show as the target.
    public var display: String {
        switch target {
        case .success(let t): return t.display
        case .failure: return label
        }
    }
}
