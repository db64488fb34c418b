import Testing
@testable import Reports
import TestSupport
import TextOutput

@Suite("Escaping per medium")
struct EscapingTests {
    @Test("terminal lines spell out every control, invisible and direction character", arguments: HostileStrings.all)
    func terminalLineIsInert(_ s: String) {
        let out = TerminalEscaper.line(s)
        #expect(VisibleText.isPlain(out), "unsafe scalar left in \(out.debugDescription)")
        #expect(!out.contains("\n"))
    }

    @Test("terminal blocks keep line breaks and nothing else", arguments: HostileStrings.all)
    func terminalBlockIsInert(_ s: String) {
        let out = TerminalEscaper.block(s, indent: "  ")
        for line in out.split(separator: "\n") { #expect(VisibleText.isPlain(String(line))) }
    }

    @Test func terminalSpelling() {
        #expect(TerminalEscaper.line("\u{1B}[31mred\u{1B}[0m") == "\\u{1B}[31mred\\u{1B}[0m")
        #expect(TerminalEscaper.line("rtl \u{202E}txt.exe") == "rtl <U+202E>txt.exe")
        #expect(TerminalEscaper.line("line1\nline2\r\nline3") == "line1⏎line2⏎line3")
        #expect(TerminalEscaper.line("\u{9B}31m") == "\\u{9B}31m")
        #expect(TerminalEscaper.line("del\u{7F}") == "del\\u{7F}")
        #expect(TerminalEscaper.line("tag\u{E0041}") == "tag<U+E0041>")
        #expect(TerminalEscaper.line("bom\u{FEFF}") == "bom<U+FEFF>")
        #expect(TerminalEscaper.line("a\tb") == "a\\tb")
        #expect(TerminalEscaper.line("❤️ ünï 日本") == "❤️ ünï 日本", "emoji presentation and plain letters stay")
        #expect(TerminalEscaper.line("x\u{FE0F}") == "x<U+FE0F>", "a variation selector after a non-emoji hides data")
        #expect(TerminalEscaper.block("a\nb", indent: "  ") == "a\n  b")
    }

    @Test func longTextIsCutWithANote() {
        let out = TerminalEscaper.line(String(repeating: "a", count: 30), limit: 10)
        #expect(out == "aaaaaaaaaa… [20 more characters]")
        #expect(TerminalEscaper.fit("abcdef", width: 4) == "abc…")
        #expect(TerminalEscaper.fit("abc", width: nil) == "abc")
    }

    @Test func wrapKeepsEveryWordWithinTheWidth() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
        for width in 12...70 {
            let lines = TerminalEscaper.wrap(text, width: width, first: "  ", rest: "    ")
            for line in lines { #expect(line.count <= width, "width \(width): \(line)") }
            #expect(lines.joined(separator: " ").split(separator: " ").joined(separator: " ") == text)
        }
        let long = String(repeating: "x", count: 50)
        let lines = TerminalEscaper.wrap(long, width: 20, first: "", rest: "  ")
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.map { $0.drop { $0 == " " } }.joined() == long)
        #expect(TerminalEscaper.wrap(long, width: 2, first: "   ", rest: "   ") == ["   " + long], "a width below the indent ends with the text whole")
        #expect(TerminalEscaper.wrap("short", width: nil, first: "> ", rest: "") == ["> short"])
    }

    @Test("Markdown inline text cannot open syntax", arguments: HostileStrings.all)
    func markdownInlineIsInert(_ s: String) {
        let out = MarkdownEscaper.inline(s)
        #expect(!out.contains("\n") && !out.contains("<") && !out.contains(">"))
        var backslashes = 0
        for c in out {
            if "|`*_[]~$".contains(c) { #expect(backslashes % 2 == 1, "unescaped \(c) in \(out)") }
            backslashes = c == "\\" ? backslashes + 1 : 0
        }
        for (i, c) in out.enumerated() where c == "&" {
            let rest = out.dropFirst(i)
            #expect(rest.hasPrefix("&amp;") || rest.hasPrefix("&lt;") || rest.hasPrefix("&gt;"))
        }
    }

    @Test func markdownSpelling() {
        #expect(MarkdownEscaper.inline("a | b") == "a \\| b")
        #expect(MarkdownEscaper.inline("<script>") == "&lt;script&gt;")
        #expect(MarkdownEscaper.inline("[x](http://e)") == #"\[x\](http:\//e)"#)
        #expect(MarkdownEscaper.inline("\u{1B}") == #"\\u{1B}"#)
    }

    @Test func codeFenceOutgrowsBackticksInside() {
        let block = MarkdownEscaper.codeBlock("a ``` b\n`````\n", info: "json")
        #expect(block == "``````json\na ``` b\n`````\n``````")
        #expect(MarkdownEscaper.codeBlock("plain") == "```\nplain\n```")
    }

    @Test("HTML text and attributes hold no markup", arguments: HostileStrings.all)
    func htmlIsInert(_ s: String) {
        for out in [HTMLEscaper.text(s), HTMLEscaper.attribute(s), HTMLEscaper.block(s)] {
            #expect(!out.contains("<") && !out.contains(">") && !out.contains("\"") && !out.contains("'"))
            for line in out.split(separator: "\n") { #expect(VisibleText.isPlain(String(line))) }
        }
    }
}
