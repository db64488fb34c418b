import Foundation
import Policy
import Reports
import Risk
import Scanner

/// Every report of one scan, written as servers come: each server's parts go to its formats'
/// spools as it is delivered, and each document is written out once the totals are known.
final class StreamedReports {
    /// One report being written.
    private struct Destination {
        var format: ReportFormat
        var path: String?
        var assembler: any ReportAssembler
    }

    /// The renderers, in destination order (handed to the workers that render servers' parts).
    let renderers: [any StreamingRenderer]
    private let destinations: [Destination]

    /// The destinations of `plan`; `color` applies to a terminal report written to standard output.
    init(_ plan: OutputPlan, rules: [RuleDescription], color: Bool) throws {
        var renderers: [any StreamingRenderer] = []
        var destinations: [Destination] = []
        for d in plan.destinations {
            let renderer = d.format.renderer(rules: rules, color: color && d.path == nil)
            renderers.append(renderer)
            destinations.append(Destination(format: d.format, path: d.path, assembler: try renderer.assembler(makeSpool: { FileSpool() })))
        }
        self.renderers = renderers
        self.destinations = destinations
    }

    /// Takes one server's parts, one per destination.
    func add(_ parts: [ServerParts]) throws {
        for (d, p) in zip(destinations, parts) { try d.assembler.add(p) }
    }

    /// Writes every report.
    func finish(_ totals: ReportTotals, generator: Report.Generator) throws {
        for d in destinations {
            let out = try d.path.map { try OutputFile(path: $0) } ?? OutputFile.standardOutput()
            do {
                try d.assembler.finish(totals, generator: generator, to: out)
                try out.commit()
            } catch {
                out.discard()
                throw error
            }
        }
    }
}

/// The starter policies of a scan, written as servers come: one server's to the file named, several
/// into the folder named, one file per server named after its label (`ServerIdentity.policyFileNames`,
/// made from every server of the run, so a server that fails does not change another's file name).
struct PolicyFiles {
    let path: String
    /// One file per server of the run, in target order; nil when the run has one server (the path is the file).
    private let files: [String]?
    private var next = 0
    private var written = 0

    /// Policies for servers labelled `labels`, in the order they will come; a usage problem (a file
    /// given where several servers need a folder) is refused before anything is scanned.
    init(path: String, format: PolicyFormat, labels: [String]) throws {
        self.path = path
        guard labels.count != 1 else { files = nil; return }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CommandFailure("\(path) is a file, but \(labels.count) servers give one policy each: give a folder to --policy-out")
        }
        files = ServerIdentity.policyFileNames(labels: labels, fileExtension: format.fileExtension)
            .map { (path as NSString).appendingPathComponent($0) }
    }

    /// Writes the next server's policy, if it has one.
    mutating func add(_ server: ServerReport) throws {
        defer { next += 1 }
        guard let policy = server.policy else { return }
        try FileOutput.write(policy.text, to: files?[next] ?? path)
        written += 1
    }

    /// Fails when no server had a policy.
    func finish() throws {
        guard written > 0 else { throw CommandFailure("no policy written to \(path): no server was read") }
    }
}
