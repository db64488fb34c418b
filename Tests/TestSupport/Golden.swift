import Foundation

/// Paths inside the repository, found from this file's location so tests run from any directory.
public enum RepoPaths {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// A path relative to the repository root.
    public static func file(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The text of a repository file.
    public static func text(_ relative: String) throws -> String { try String(contentsOf: file(relative), encoding: .utf8) }
}

/// Golden files: compare output to a committed file; `MCPRISK_UPDATE_GOLDEN=1` rewrites them instead.
public enum Golden {
    /// True when goldens should be rewritten rather than compared.
    public static var updating: Bool { ProcessInfo.processInfo.environment["MCPRISK_UPDATE_GOLDEN"] == "1" }

    /// Returns nil when `actual` equals the golden file at `relative` (or it was just rewritten),
    /// else a message naming the first differing line.
    public static func mismatch(_ actual: String, golden relative: String) -> String? {
        let url = RepoPaths.file(relative)
        if updating {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "golden file \(relative) is missing; run with MCPRISK_UPDATE_GOLDEN=1 to create it"
        }
        if expected == actual { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let got = line < a.count ? String(a[line]) : "<end>"
        let want = line < e.count ? String(e[line]) : "<end>"
        return "\(relative) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(MCPRISK_UPDATE_GOLDEN=1 rewrites goldens)"
    }
}
