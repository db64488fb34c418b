/// Strings a hostile server might put in a name or description, for escaping tests in every medium.
public enum HostileStrings {
    /// Terminal escape sequences: colour, cursor movement, OSC title and hyperlink, clear screen.
    public static let terminalEscapes = [
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}[2J\u{1B}[H", "\u{1B}]0;pwned\u{07}", "\u{1B}]8;;http://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "bell\u{07}", "back\u{08}\u{08}\u{08}space", "\u{9B}31mC1 CSI",
    ]
    /// Invisible and direction-changing characters.
    public static let invisible = [
        "zero\u{200B}width", "joiner\u{200D}", "bom\u{FEFF}", "rtl \u{202E}txt.exe", "isolate\u{2066}x\u{2069}",
        "tag\u{E0041}\u{E0042}\u{E0043}",
    ]
    /// Markup that must come out as text.
    public static let markup = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a | b | c", "`code` **bold** [link](http://x)",
        "line1\nline2\r\nline3", "\"quoted\" 'single' & ampersand", "<!-- comment -->", "]]></svg>",
    ]
    /// YAML and config trouble-makers.
    public static let yaml = ["yes", "no", "null", "~", "*anchor", "&ref", "key: value", "# comment", "- item", "@at", "`tick", "%percent", "!tag", "{a}", "[b]", "ünï", "0x10", "1e3", "  padded  ", ""]

    /// All of the above.
    public static var all: [String] { terminalEscapes + invisible + markup + yaml }
}
