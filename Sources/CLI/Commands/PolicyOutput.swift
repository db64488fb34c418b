import Foundation
import Policy
import Reports
import Scanner

/// Writes the starter policies carried in a report: one server to a file, several into a folder,
/// one file per server named after its identity (`ServerIdentity.policyFileNames`).
enum PolicyOutput {
    /// The policy format a file name's extension names (`.yaml`/`.yml` Intercept, `.json` PolicyLayer).
    static func format(forPath path: String?) -> PolicyFormat? {
        switch path.map({ ($0 as NSString).pathExtension.lowercased() }) {
        case "yaml", "yml": .intercept
        case "json": .policylayer
        default: nil
        }
    }

    static func write(_ report: Report, to path: String, format: PolicyFormat) throws {
        let withPolicy = report.servers.filter { $0.policy != nil }
        guard !withPolicy.isEmpty else { throw CommandFailure("no policy written to \(path): no server was read") }
        if report.servers.count == 1, let policy = withPolicy.first?.policy {
            try FileOutput.write(policy.text, to: path)
            return
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CommandFailure("\(path) is a file, but \(report.servers.count) servers give one policy each: give a folder to --policy-out")
        }
        let writes = try plannedWrites(report, folder: path, format: format)
        for (server, file) in writes { try FileOutput.write(server.policy!.text, to: file) }
    }

    /// Each server with a policy and the file it goes to. Names are made from every server of the run
    /// (failed ones too), so a server that fails does not change another's file name; two servers
    /// never share a file, and a plan that would is refused rather than written.
    static func plannedWrites(_ report: Report, folder: String, format: PolicyFormat) throws -> [(ServerReport, String)] {
        let names = ServerIdentity.policyFileNames(labels: report.servers.map(\.displayName), fileExtension: format.fileExtension)
        var owner: [String: String] = [:]
        var out: [(ServerReport, String)] = []
        for (server, name) in zip(report.servers, names) where server.policy != nil {
            let file = (folder as NSString).appendingPathComponent(name)
            if let other = owner[file.lowercased()] {
                throw CommandFailure("the policies of \(other) and \(server.displayName) would both be written to \(file); nothing was written")
            }
            owner[file.lowercased()] = server.displayName
            out.append((server, file))
        }
        return out
    }
}
