import Foundation
import JSON

/// What an earlier JSON report (`--baseline REPORT.json`) already showed: per server, the fingerprints
/// of its tools and findings. A run against a baseline reports only what is new since then.
public struct Baseline: Sendable, Hashable {
    /// The largest baseline report read.
    public static let maxBytes = 256 << 20

    /// Fingerprints seen, by server label.
    public var seen: [String: Set<String>]
    /// The file it was read from.
    public var path: String

    /// A baseline from its parts.
    public init(seen: [String: Set<String>], path: String) { self.seen = seen; self.path = path }

    /// Reads an mcprisk JSON report; a problem names the file and what is wrong with it.
    public init(contentsOf path: String) throws(BaselineError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError(path: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        guard data.count <= Self.maxBytes else { throw BaselineError(path: path, problem: "is larger than \(Self.maxBytes) bytes") }
        let root: JSONValue
        do { root = try JSONParser().parse(Array(data)).value } catch {
            throw BaselineError(path: path, problem: "is not valid JSON (\(error)); give a report written with --format json")
        }
        guard root["schemaVersion"]?.intValue == 1, let servers = root["servers"]?.arrayValue else {
            throw BaselineError(path: path, problem: "is not an mcprisk JSON report (no schemaVersion 1 and servers); give a report written with --format json")
        }
        var seen: [String: Set<String>] = [:]
        var items = 0, fingerprinted = 0
        for (i, server) in servers.enumerated() {
            guard let label = server["label"]?.stringValue ?? server["name"]?.stringValue ?? server["target"]?.stringValue else {
                throw BaselineError(path: path, problem: "servers[\(i)] has no label, name or target")
            }
            for key in ["tools", "findings"] {
                for item in server[key]?.arrayValue ?? [] {
                    items += 1
                    if let f = item["fingerprint"]?.stringValue { seen[label, default: []].insert(f); fingerprinted += 1 }
                }
            }
        }
        if items > 0 && fingerprinted == 0 {
            throw BaselineError(path: path, problem: "has no fingerprints (written by an mcprisk that did not record them); write the baseline again with this version")
        }
        self.init(seen: seen, path: path)
    }

    /// True when `fingerprint` was reported for `server` in the baseline.
    public func contains(server: String, fingerprint: String?) -> Bool {
        guard let fingerprint else { return false }
        return seen[server]?.contains(fingerprint) == true
    }
}

/// A baseline report that cannot be used, naming the file.
public struct BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var problem: String
    public var description: String { "baseline \(path) \(problem)" }
}
