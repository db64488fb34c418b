import Foundation

/// The saved servers in a folder, for `mcprisk scan DIR`: every `.json` file below it (saved
/// snapshots or `tools/list` results), in the order of their paths' bytes, so a run over the same
/// folder always lists, reports and numbers servers alike. Hidden entries (`.git`, temporary files)
/// are skipped and folders reached through symbolic links are not entered (no cycles).
public enum SnapshotDirectory {
    /// The deepest folder nesting walked.
    public static let maxDepth = 32
    /// The most files one folder may hold for a scan.
    public static let maxFiles = 1_000_000

    /// True when `path` names a folder (following a symbolic link).
    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The `.json` files below `root`, sorted by path; an error names the folder that cannot be read
    /// or the limit that was passed.
    public static func files(in root: String) throws(ConfigProblem) -> [String] {
        var found: [String] = []
        try walk(root, depth: 0, into: &found)
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func walk(_ folder: String, depth: Int, into found: inout [String]) throws(ConfigProblem) {
        guard depth <= maxDepth else {
            throw ConfigProblem("\(folder): folders nest deeper than \(maxDepth) levels; scan a folder nearer the files")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ConfigProblem("\(folder): cannot list the folder (\(error.localizedDescription))")
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let type = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) ?? nil
            if type == .typeDirectory {
                try walk(path, depth: depth + 1, into: &found)
            } else if name.lowercased().hasSuffix(".json"), type == .typeRegular || (type == .typeSymbolicLink && !isDirectory(path)) {
                found.append(path)
                guard found.count <= maxFiles else {
                    throw ConfigProblem("\(folder): more than \(maxFiles) .json files; scan smaller folders")
                }
            }
        }
    }
}
