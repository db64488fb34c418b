import Testing
@testable import Risk

/// Patterns are parsed from their bytes (at every start); every registered pattern and lexicon line must
/// parse to what the string parsers made, kept here as the reference.
struct PatternParsingTests {
    /// One slot, comparable.
    struct SlotShape: Equatable, CustomStringConvertible {
        var gap: Int?
        var exact: [UInt64] = [], prefixes: [[UInt8]] = [], sequences: [[UInt64]] = []
        var optional = false
        var description: String { gap.map { "~\($0)" } ?? "\(exact) \(prefixes) \(sequences) \(optional)" }
    }

    /// The slots as the string parser read them: tokens and alternatives split as `Character`s, each
    /// alternative through the tokenizer.
    static func referenceSlots(_ source: String) -> [SlotShape] {
        source.split(separator: " ").map { token in
            if token.hasPrefix("~"), let n = Int(token.dropFirst()) { return SlotShape(gap: n) }
            var body = Substring(token)
            var shape = SlotShape()
            if body.hasPrefix("("), body.hasSuffix(")?") {
                body = body.dropFirst().dropLast(2)
                shape.optional = true
            }
            for alt in body.split(separator: "|") {
                if alt.hasSuffix("*") {
                    shape.prefixes.append(Tokenizer.foldedBytes(of: String(alt.dropLast())))
                    continue
                }
                let words = TextScanner(String(alt), mode: .prose).run().words.map(\.hash)
                if words.count > 1 { shape.sequences.append(words) } else { shape.exact.append(words.first ?? WordHash.of(String(alt))) }
            }
            return shape
        }
    }

    /// The slots a pattern holds.
    static func shape(_ pattern: Pattern) -> [SlotShape] {
        pattern.slots.map { slot in
            switch slot {
            case .gap(let n): SlotShape(gap: n)
            case .words(let a): SlotShape(exact: a.exact, prefixes: a.prefixes, sequences: a.sequences, optional: a.optional)
            }
        }
    }

    /// The patterns of a lexicon line as the string splitter made them.
    static func referencePhrases(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        for part in line.split(separator: " ", omittingEmptySubsequences: true) {
            if part == "/" {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current += current.isEmpty ? String(part) : " " + part
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    @Test func everyRegisteredPatternParsesAsTheStringParserParsedIt() {
        var differing: [String] = []
        var count = 0
        for key in PhraseKey.allCases {
            for pattern in key.list.patterns {
                count += 1
                if Self.shape(pattern) != Self.referenceSlots(pattern.description) { differing.append(pattern.description) }
            }
        }
        #expect(count > 1_000)
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test func oddPatternsParseAsTheStringParserParsedThem() {
        for source in ["  a   b  ", "~3 x", "~ x", "~x", "~-1 y", "()? a", "(a|B)? c", "a||b", "|", "*", "a*|*", "E-Mail|e_mail", "l'utilisateur",
                       "don't", "无视 指示", "ｓｅｎｄ|Ünïcode|straße", "x (y)", "(y)?z", "a|b*|(c)", "-", "a - b", "", "日本語|中文|한국어", "API密钥|ﾃｽﾄ|ｱ", "x.y/z|a--b|-a-|o'clock", "Ω|ΣΊΣΥΦΟΣ", "\u{E0041}b|a\u{200B}b"] {
            #expect(Self.shape(Pattern(source)) == Self.referenceSlots(source), "\(source.debugDescription)")
        }
    }

    @Test func everyLexiconLineSplitsAsTheStringSplitterSplitIt() {
        var lines = 0
        for (_, patterns) in ThreatLexicon.framing + ThreatLexicon.targets + ThreatLexicon.acts + ThreatLexicon.context {
            for line in patterns {
                lines += 1
                #expect(ThreatLexicon.phrases(in: line) == Self.referencePhrases(line), "\(line)")
            }
        }
        #expect(lines > 500)
        for line in ["", "/", " / a /  b  c / ", "a/b / c", "//", "a / / b"] {
            #expect(ThreatLexicon.phrases(in: line) == Self.referencePhrases(line), "\(line.debugDescription)")
        }
    }
}
