import Foundation
import JSON

/// Risks a team reviewed and accepted (`mcprisk-accept.json`): each entry names a server and the
/// fingerprint of one tool definition or one finding, with the reason, the reviewer and an optional
/// expiry. Accepted items stay in every report, marked, and do not count for `--fail-on`.
///
/// ```json
/// {"version": 1, "accept": [
///   {"server": "github", "tool": "run_workflow", "fingerprint": "tool:3f…", "reason": "CI only", "reviewer": "ana@example.com",
///    "expires": "2027-06-30"},
///   {"server": "github", "fingerprint": "finding:9a…", "rule": "long-description", "reason": "vendor text", "reviewer": "ana"}]}
/// ```
/// `tool` and `rule` are optional checks: when given, the matched item must have that name or rule.
public struct AcceptFile: Sendable, Hashable {
    /// The format version this mcprisk reads.
    public static let version = 1
    /// The largest accept file read.
    public static let maxBytes = 4 << 20
    /// The most entries read.
    public static let maxEntries = 10_000

    /// One acceptance.
    public struct Entry: Sendable, Hashable {
        /// Its position in the file (1-based), for messages.
        public var number: Int
        /// The server's label (config key, or the target of a bare scan).
        public var server: String
        /// `tool:…` or `finding:…`.
        public var fingerprint: String
        /// The tool's name, when the entry names one (a tool, or the tool a finding is on).
        public var tool: String?
        /// The finding's rule id, when the entry names one.
        public var rule: String?
        /// Why the risk is accepted.
        public var reason: String
        /// Who accepted it.
        public var reviewer: String
        /// The last day it holds (`YYYY-MM-DD`, UTC), if it expires.
        public var expires: String?

        /// True for a tool acceptance (else a finding's).
        public var isTool: Bool { fingerprint.hasPrefix(Fingerprint.toolPrefix) }

        /// True when `expires` is before the day of `now`.
        public func isExpired(now: Date) -> Bool {
            guard let expires, let day = Timestamp(iso8601: expires + "T00:00:00Z") else { return false }
            return Timestamp(now).secondsSince1970 >= day.secondsSince1970 + 86_400
        }

        /// `entry 3 (server "github", tool "run_workflow")`, for messages.
        public var label: String {
            "entry \(number) (server \"\(server)\"" + (tool.map { ", tool \"\($0)\"" } ?? "") + (rule.map { ", rule \($0)" } ?? "")
                + (tool == nil && rule == nil ? ", \(fingerprint)" : "") + ")"
        }
    }

    /// The entries, in file order.
    public var entries: [Entry]
    /// The path it was read from (for messages).
    public var path: String

    /// An accept file from its parts.
    public init(entries: [Entry], path: String) { self.entries = entries; self.path = path }

    /// Reads and checks the file at `path`.
    public init(contentsOf path: String) throws(AcceptFileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AcceptFileError(path: path, entry: nil, field: nil,
                                  problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        guard data.count <= Self.maxBytes else {
            throw AcceptFileError(path: path, entry: nil, field: nil, problem: "is \(data.count) bytes; at most \(Self.maxBytes) are read")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses and checks accept-file text; every problem names the file, the entry and the field.
    public init(text: String, path: String) throws(AcceptFileError) {
        func fail(_ entry: Int?, _ field: String?, _ problem: String) -> AcceptFileError {
            AcceptFileError(path: path, entry: entry, field: field, problem: problem)
        }
        let document: JSONDocument
        do { document = try JSONParser().parse(text) } catch { throw fail(nil, nil, "is not valid JSON: \(error)") }
        if let issue = document.issues.first { throw fail(nil, nil, "\(issue.description) at \(issue.pointer)") }
        guard let root = document.value.objectValue else { throw fail(nil, nil, "must be a JSON object with \"version\" and \"accept\"") }
        for key in root.keys where key != "version" && key != "accept" && key != "$comment" {
            throw fail(nil, key, "unknown field (expected \"version\" and \"accept\")")
        }
        guard root["version"]?.intValue == Self.version else { throw fail(nil, "version", "must be \(Self.version)") }
        guard let list = root["accept"]?.arrayValue else { throw fail(nil, "accept", "must be a list of entries") }
        guard list.count <= Self.maxEntries else { throw fail(nil, "accept", "has \(list.count) entries; at most \(Self.maxEntries) are read") }
        var entries: [Entry] = []
        for (i, item) in list.enumerated() {
            let n = i + 1
            guard let o = item.objectValue else { throw fail(n, nil, "must be an object") }
            let known: Set = ["server", "fingerprint", "tool", "rule", "reason", "reviewer", "expires", "$comment"]
            if let key = o.keys.first(where: { !known.contains($0) }) {
                throw fail(n, key, "unknown field (known: server, fingerprint, tool, rule, reason, reviewer, expires)")
            }
            func text(_ key: String, required: Bool) throws(AcceptFileError) -> String? {
                guard let value = o[key] else {
                    if required { throw fail(n, key, "is missing") }
                    return nil
                }
                guard let s = value.stringValue else { throw fail(n, key, "must be a string") }
                guard !s.allSatisfy(\.isWhitespace) else { throw fail(n, key, "is empty") }
                return s
            }
            let fingerprint = try text("fingerprint", required: true)!
            let isTool = fingerprint.hasPrefix(Fingerprint.toolPrefix), isFinding = fingerprint.hasPrefix(Fingerprint.findingPrefix)
            let digits = fingerprint.drop { $0 != ":" }.dropFirst()
            guard (isTool || isFinding), digits.count == Fingerprint.digits, digits.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw fail(n, "fingerprint", "must be tool:<32 hex digits> or finding:<32 hex digits> as reports show them, not \"\(fingerprint.prefix(80))\"")
            }
            let rule = try text("rule", required: false)
            if isTool, rule != nil { throw fail(n, "rule", "applies to finding fingerprints only") }
            let expires = try text("expires", required: false)
            if let expires, Timestamp(iso8601: expires + "T00:00:00Z") == nil {
                throw fail(n, "expires", "must be a date YYYY-MM-DD, not \"\(expires.prefix(40))\"")
            }
            entries.append(Entry(number: n, server: try text("server", required: true)!, fingerprint: fingerprint,
                                 tool: try text("tool", required: false), rule: rule,
                                 reason: try text("reason", required: true)!, reviewer: try text("reviewer", required: true)!, expires: expires))
        }
        var seen: [String: Int] = [:]
        for e in entries {
            let key = e.server + "\u{0}" + e.fingerprint
            if let first = seen[key] { throw fail(e.number, "fingerprint", "repeats entry \(first) (same server and fingerprint)") }
            seen[key] = e.number
        }
        self.init(entries: entries, path: path)
    }
}

/// A problem with an accept file, naming the file, the entry (1-based) and the field.
public struct AcceptFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The entry's number, when the problem is inside one.
    public var entry: Int?
    /// The field at fault, when there is one.
    public var field: String?
    /// What is wrong.
    public var problem: String

    public var description: String {
        var s = "accept file \(path)"
        if let entry { s += ", entry \(entry)" }
        if let field { s += ", field \"\(field)\"" }
        return s + ": " + problem
    }
}
