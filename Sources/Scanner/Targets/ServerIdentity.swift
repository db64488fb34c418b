import JSON

/// How a server is named in one run: by its config key (or the target for a bare scan), then by what
/// it reports about itself. Two config entries running the same server are two servers: their report
/// sections and policy files never collide.
public enum ServerIdentity {
    /// The targets with labels made unique in order: a repeated label gets `#2`, `#3`… (a key used in
    /// two config files, the same file given twice).
    public static func disambiguated(_ targets: [PlannedTarget]) -> [PlannedTarget] {
        var used = Set<String>()
        return targets.map { target in
            var t = target
            var n = 1
            while !used.insert(t.label).inserted {
                n += 1
                t.label = "\(target.label)#\(n)"
            }
            return t
        }
    }

    /// The name a policy document gives its server: the label, with what the server calls itself
    /// when that differs (`github — github-mcp-server`).
    public static func policyName(label: String, reported: String?) -> String {
        guard let reported, reported != label else { return label }
        return "\(label) — \(reported)"
    }

    /// Longest file name stem written for a server.
    static let maxStem = 80

    /// One file name per label (`<stem>.<ext>`), distinct even where the file system ignores case: the
    /// stem keeps letters, digits, `-` and `_` of the label; a stem that would repeat another's gets
    /// the first 8 hex digits of the label's SHA-256.
    public static func policyFileNames(labels: [String], fileExtension: String) -> [String] {
        var used = Set<String>()
        return labels.map { label in
            var stem = String(label.prefix(maxStem).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
            if stem.allSatisfy({ $0 == "-" }) { stem = "server" }
            var name = "\(stem).\(fileExtension)"
            if used.contains(name.lowercased()) {
                let digest = SHA256.hex(label)
                name = "\(stem)-\(digest.prefix(8)).\(fileExtension)"
                var n = 2
                while used.contains(name.lowercased()) {
                    name = "\(stem)-\(digest.prefix(8))-\(n).\(fileExtension)"
                    n += 1
                }
            }
            used.insert(name.lowercased())
            return name
        }
    }
}
