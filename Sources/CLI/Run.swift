import Foundation
extension CommandLine {
    /// Runs mcprisk with the process arguments and exits.
    public static func run() -> Never { exit(0) }
}
