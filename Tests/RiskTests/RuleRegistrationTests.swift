import Foundation
import Testing
import TestSupport
@testable import Risk

/// One rule per file: every rule file in the rule folders is a registered rule of that family, and every
/// registered rule has its file there.
struct RuleRegistrationTests {
    static let folders = ["Capability": "capability", "Signals": "signals", "Threats": "threats", "Annotations": "annotations"]

    @Test func everyRuleFileIsARegisteredRuleAndEveryRuleHasItsFile() throws {
        var files: Set<String> = []
        for folder in Self.folders.keys {
            let path = RepoPaths.file("Sources/Risk/Rules/\(folder)").path
            for file in try FileManager.default.contentsOfDirectory(atPath: path) where file.hasSuffix("Rule.swift") {
                files.insert("\(folder)/\(file.dropLast(".swift".count))")
            }
        }
        let registered = Set(BuiltinRules.all.map { rule -> String in
            let folder = Self.folders.first { $0.value == rule.description.family }?.key ?? "?"
            return "\(folder)/\(String(describing: type(of: rule)))"
        })
        #expect(files == registered, "files without a registered rule: \(files.subtracting(registered).sorted()); rules without their file: \(registered.subtracting(files).sorted())")
    }

    @Test func everyRuleIsOfTheKindItsDescriptionSays() {
        for rule in BuiltinRules.all {
            let kind: RuleKind? = rule is any CapabilityRule ? .capability : rule is any SignalRule ? .signal
                : (rule is any FindingRule || rule is any VerdictRule) ? .finding : nil
            #expect(kind == rule.description.kind, "\(rule.description.id) is declared \(rule.description.kind) but implements \(String(describing: kind))")
        }
    }
}
