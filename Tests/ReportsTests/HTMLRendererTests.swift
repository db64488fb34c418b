import JSON
import Foundation
import Testing
@testable import Reports
import TestSupport

@Suite("HTML report")
struct HTMLRendererTests {
    @Test func selfContainedWithAPolicyThatAllowsOnlyOurScript() {
        let out = HTMLRenderer().render(ReportFixture.rich)
        let csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(SHA256.base64(HTMLRenderer.script))'; "
            + "img-src data:; base-uri 'none'; form-action 'none'"
        #expect(out.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(csp)\">"))
        #expect(out.contains("<script>\(HTMLRenderer.script)</script>"))
        let lower = out.lowercased()
        for external in ["src=\"http", "href=\"http", "url(", "@import", "@font-face", "<link"] { #expect(!lower.contains(external)) }
        #expect(out.contains("<svg class=\"chart\""))
        #expect(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test(.enabled(if: ExternalTools.chromium != nil || ExternalTools.inCI,
                   "chromium is not installed (apt-get install -y chromium)"))
    func rendersInARealBrowser() throws {
        let chromium = try #require(ExternalTools.chromium, "CI is set but chromium is missing")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcprisk-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try HTMLRenderer().render(ReportFixture.rich).write(to: page, atomically: true, encoding: .utf8)
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                      "--user-data-dir=\(dir.appendingPathComponent("profile").path)"]

        let dump = try ExternalTools.run(chromium, common + ["--dump-dom", page.absoluteString], timeout: 120)
        #expect(dump.status == 0, "chromium failed: \(dump.stderr.suffix(2_000))")
        let dom = dump.stdout
        for name in ["everything", "partial-server", "python3 -m hostile_server --flag", "read_file", "send_message",
                     "run_command", "delete_repository", "transfer_funds", "github", "delete_branch"] {
            #expect(dom.contains(name), "DOM lacks \(name)")
        }
        #expect(dom.contains("INCOMPLETE SCAN"))
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile script must be text")
        #expect(dom.components(separatedBy: "<script").count - 1 == 1, "exactly one script element")
        #expect(dom.contains("data-sortable=\"yes\""), "the constant script ran, so its CSP hash is right")
        #expect(dom.components(separatedBy: "<tr class=\"tool\"").count - 1 == 8)

        let shot = dir.appendingPathComponent("report.png")
        let capture = try ExternalTools.run(chromium, common + ["--hide-scrollbars", "--window-size=1280,2000",
                                                                "--screenshot=\(shot.path)", page.absoluteString], timeout: 120)
        #expect(capture.status == 0, "chromium failed: \(capture.stderr.suffix(2_000))")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 50_000, "a 1280×2000 screenshot of the report should not be near-blank (\(png.count) bytes)")
        // Every hostile string in every field: the browser's own parser must find only our elements.
        let hostilePage = dir.appendingPathComponent("hostile.html")
        try HTMLRenderer().render(ReportFixture.hostile).write(to: hostilePage, atomically: true, encoding: .utf8)
        let hostile = try ExternalTools.run(chromium, common + ["--dump-dom", hostilePage.absoluteString], timeout: 120)
        #expect(hostile.status == 0)
        let hostileTags = Set(HTMLTagScanner.tags(hostile.stdout).map(\.name))
        #expect(hostileTags.isSubset(of: HTMLTagScanner.allowed), "unexpected elements: \(hostileTags.subtracting(HTMLTagScanner.allowed))")
        #expect(hostile.stdout.components(separatedBy: "<script").count - 1 == 1)
        #expect(!hostile.stdout.contains("<img") && hostile.stdout.contains("data-sortable=\"yes\""))
        #expect(hostile.stdout.components(separatedBy: "<section class=\"server card\"").count - 1 == HostileStrings.all.count)

        if let keep = ProcessInfo.processInfo.environment["MCPRISK_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: shot, to: URL(fileURLWithPath: keep))
        }
    }
}
