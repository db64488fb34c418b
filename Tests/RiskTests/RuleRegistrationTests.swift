import Foundation
import Testing
import TestSupport
@testable import Risk

/// Every rule type in the rule folders is registered.
struct RuleRegistrationTests {
    @Test(arguments: ["Sources/Risk/Rules/Capability", "Sources/Risk/Rules/Annotations", "Sources/Risk/Rules/Signals", "Sources/Risk/Rules/Threats"])
    func everyRuleFileIsRegistered(_ folder: String) throws {
        let registered = Set(BuiltinRules.all.map { String(describing: type(of: $0)) })
        let files = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.file(folder).path).filter { $0.hasSuffix(".swift") }
        var declared: [String] = []
        for file in files {
            let text = try RepoPaths.text("\(folder)/\(file)")
            for line in text.split(separator: "\n") where line.hasPrefix("struct ") && (line.contains(": ToolRule") || line.contains(": IndexedRule") || line.contains(": Rule")) {
                declared.append(String(line.dropFirst("struct ".count).prefix { $0 != ":" }))
            }
        }
        #expect(!declared.isEmpty)
        for name in declared { #expect(registered.contains(name), "\(name) in \(folder) is not registered") }
    }
}
