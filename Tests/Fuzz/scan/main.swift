// libFuzzer target: the offline scan. Bytes are read as a saved snapshot, assessed, and rendered in
// every report format with both policy formats. The JSON report must parse back without issues, and
// the generated policies must pass their own validators.
import JSON
import MCPClient
import Policy
import Reports
import Risk
import Scanner

let rules = BuiltinRules.all.map(\.description)
let planned = PlannedTarget.direct(.file(path: "fuzz.json"))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let snapshot = try? ServerSnapshot(fileBytes: bytes, target: "fuzz.json", maxEntries: 64) else { return 0 }
    let scanned = [ScannedServer(planned: planned, snapshot: snapshot)]
    for policyFormat in PolicyFormat.allCases {
        let report = ScanPipeline.report(scanned, failOn: .high, policyFormat: policyFormat)
        if let policy = report.servers.first?.policy {
            let errors = policyFormat.validate(policy.text).filter { $0.severity == .error }
            precondition(errors.isEmpty, "generated \(policyFormat) policy is invalid: \(errors)")
        }
        guard policyFormat == .intercept else { continue }
        for format in ReportFormat.allCases {
            let text = format.render(report, rules: rules, color: true, width: 100)
            if format == .json || format == .sarif {
                guard let document = try? JSONParser().parse(text) else { preconditionFailure("\(format) report is not JSON") }
                precondition(document.issues.isEmpty, "\(format) report has JSON issues: \(document.issues)")
            }
        }
    }
    return 0
}
