/// Characters a reader cannot see but a model reads: tag characters (ASCII smuggling), zero-width
/// characters, bidirectional overrides, and long runs of spaces that push text off-screen.
struct InvisibleUnicodeRule: FindingRule {
    /// A run of this many spaces inside a line pushes what follows out of view.
    static let paddingRun = 60

    let description = RuleDescription(
        id: "invisible-unicode",
        title: "Invisible or direction-changing characters",
        family: "threats",
        kind: .finding,
        severity: .high,
        confidence: .high,
        summary: "Finds tag characters (decoding the hidden ASCII), zero-width characters, bidi overrides and off-screen padding in any text field.",
        rationale: """
        Unicode tag characters (U+E0000–U+E007F) render as nothing, yet models read them as the ASCII they shadow:
        a description can carry a whole hidden instruction ("ASCII smuggling"). Zero-width characters hide text
        or split words to slip past filters; bidirectional overrides make text read differently than it displays
        (Trojan Source). Tag characters are critical and the hidden text is decoded into the message; bidi
        overrides and clusters of zero-width characters are high; one or two stray zero-width characters, often a
        copy-paste accident in prose, are low (medium in a name).
        """,
        examples: [
            .passes(#"{"name": "th", "description": "ค้นหา\u200Bข้อมูล\u200Bลูกค้า"}"#),
            .passes(#"{"name": "notify", "description": "שולח הודעה: ההזמנה \u2068ORD-1042\u2069 נשלחה."}"#),
            .finding(#"{"name": "notify", "description": "שולח הודעה \u202Etxt.exe"}"#, at: "/description", .high),
            .finding(#"{"name": "th", "description": "Search\u200Bthe\u200Bweb\u200Bnow"}"#, at: "/description", .high),
            .finding(#"{"name": "weather", "description": "Gets the weather.\uDB40\uDC41\uDB40\uDC6C\uDB40\uDC77\uDB40\uDC61\uDB40\uDC79\uDB40\uDC73"}"#, at: "/description", .critical),
            .finding(#"{"name": "open_file", "description": "Opens a file \u202Egnp.exe"}"#, at: "/description", .high),
            .finding(#"{"name": "to\u200Bol", "description": "A tool."}"#, at: "/name", .medium),
            .finding(#"{"name": "run", "inputSchema": {"type": "object", "properties": {"\u3164": {"type": "string"}}}}"#, at: "/inputSchema/properties/\u{3164}", .medium),
            .finding(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"q": {"type": "string", "description": "Search.\u200B\u200C\u200B\u200C\u200B"}}}}"#, at: "/inputSchema/properties/q/description", .high),
            .passes(#"{"name": "flags", "description": "Shows flags like 🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F and the team 👨\u200D💻 emoji, plus Hebrew שלום\u200F text."}"#),
            .passes(#"{"name": "table", "description": "Columns:\n    name      type\n    id        string"}"#),
        ])

    func findings(in index: ServerIndex) -> [FindingHit] {
        var out: [FindingHit] = []
        for reading in index.readings {
            // ASCII texts too short to pad cannot hide anything here: they are never decoded into scalars.
            guard !reading.main.text.isASCII || reading.field.text.utf8.count >= Self.paddingRun else { continue }
            let scalars = Array(reading.field.text.unicodeScalars)
            if let hit = inspect(reading.field, scalars) { out.append(hit) }
        }
        return out
    }

    private func inspect(_ field: TextField, _ scalars: [Unicode.Scalar]) -> FindingHit? {
        var tags: [Unicode.Scalar] = []
        var bidi: [Unicode.Scalar] = []
        var zeroWidth: [Unicode.Scalar] = []
        var first: Int? = nil
        let hasRTL = scalars.contains { (0x0590...0x08FF).contains($0.value) || (0xFB1D...0xFDFF).contains($0.value) || (0xFE70...0xFEFC).contains($0.value) }
        // In right-to-left text, an isolate (LRI, RLI, FSI … PDI) around a short run is how Unicode says to embed
        // a name or a number the other way; an override (LRO, RLO) or an isolate left open still counts.
        var closedIsolates: Set<Int> = []
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            let v = s.value
            if hasRTL, (0x2066...0x2068).contains(v) || closedIsolates.contains(i) {
                if v != 0x2069, let end = (i + 1..<min(scalars.count, i + 200)).first(where: { (0x2066...0x2069).contains(scalars[$0].value) || (0x202A...0x202E).contains(scalars[$0].value) }),
                   scalars[end].value == 0x2069 {
                    closedIsolates.insert(end)
                    i += 1
                    continue
                }
                if v == 0x2069 { i += 1; continue }
            }
            if TagCharacters.isTag(s) {
                if TagCharacters.isFlagSequence(scalars, tagsStartAt: i) {
                    while i < scalars.count, TagCharacters.isTag(scalars[i]) { i += 1 }
                    continue
                }
                tags.append(s); first = first ?? i
            } else if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                bidi.append(s); first = first ?? i
            } else if v == 0x200E || v == 0x200F {
                if !hasRTL { zeroWidth.append(s); first = first ?? i }
            } else if v == 0x200C || v == 0x200D {
                // Joiners are legitimate between emoji and in complex scripts; not next to ASCII.
                let before = i > 0 ? scalars[i - 1] : " "
                let after = i + 1 < scalars.count ? scalars[i + 1] : " "
                if before.isASCII || after.isASCII { zeroWidth.append(s); first = first ?? i }
            } else if v == 0x200B, i > 0, i + 1 < scalars.count, Self.breaksWordsWithoutSpaces(scalars[i - 1]), Self.breaksWordsWithoutSpaces(scalars[i + 1]) {
                // Thai, Lao, Khmer, Myanmar and Tibetan are written without spaces: a zero-width space marks the word break.
            } else if v == 0x200B || (0x2060...0x2064).contains(v) || v == 0x180E || (v == 0xFEFF && i > 0) || v == 0x034F
                        || v == 0x115F || v == 0x1160 || v == 0x3164 || v == 0xFFA0 || v == 0x2800
                        || (0xE0100...0xE01EF).contains(v) && (i == 0 || !(0x3400...0x2FFFF).contains(scalars[i - 1].value)) {
                zeroWidth.append(s); first = first ?? i
            }
            i += 1
        }
        guard let at = first else { return paddingHit(field, scalars) }
        let quote = Quote.around(at..<(at + 1), in: scalars)
        if !tags.isEmpty {
            let decoded = TagCharacters.decode(tags)
            let spelled = decoded.isEmpty ? "" : " that spell \"\(decoded.count > 300 ? String(decoded.prefix(300)) + "…" : decoded)\""
            return FindingHit(pointer: field.pointer, quote: quote,
                              message: "\(field.place.capitalizedFirst) hides \(tags.count) invisible tag characters\(spelled)", severity: .critical)
        }
        if zeroWidth.count >= ZeroWidthBits.minimumRun, let bits = ZeroWidthBits.decode(String(String.UnicodeScalarView(scalars))).first {
            return FindingHit(pointer: field.pointer, quote: quote,
                              message: "\(field.place.capitalizedFirst) hides text in \(zeroWidth.count) zero-width characters used as bits, which decode to \"\(Quote.cut(bits.text))\"", severity: .critical)
        }
        let all = bidi + zeroWidth
        let names = Dictionary(grouping: all.map(ThreatText.codePoint), by: { $0 }).map { "\($0.key) ×\($0.value.count)" }.sorted().joined(separator: ", ")
        // A stray zero-width space in prose is usually a copy-paste accident; in a name it never is.
        let isName = [.name, .parameterName, .argumentName].contains(field.role)
        let severity: Severity = !bidi.isEmpty || zeroWidth.count >= 3 ? .high : isName ? .medium : .low
        let what = bidi.isEmpty ? "invisible characters" : "bidirectional control characters"
        return FindingHit(pointer: field.pointer, quote: quote,
                       message: "\(field.place.capitalizedFirst) contains \(all.count) \(what.dropLast(all.count == 1 ? 1 : 0)) (\(names))", severity: severity)
    }

    /// True for a letter of a script written without spaces between words (Thai, Lao, Tibetan, Myanmar, Khmer).
    static func breaksWordsWithoutSpaces(_ s: Unicode.Scalar) -> Bool {
        (0x0E00...0x0EFF).contains(s.value) || (0x0F00...0x0FFF).contains(s.value) || (0x1000...0x109F).contains(s.value) || (0x1780...0x17FF).contains(s.value)
    }

    /// A long run of spaces inside a line, hiding the text after it off-screen.
    private func paddingHit(_ field: TextField, _ scalars: [Unicode.Scalar]) -> FindingHit? {
        var run = 0
        var lineHasText = false
        for (i, s) in scalars.enumerated() {
            if s == "\n" || s == "\r" { run = 0; lineHasText = false; continue }
            if s == " " || s == "\t" || s == "\u{A0}" || (0x2000...0x200A).contains(s.value) || s == "\u{3000}" {
                run += 1
                continue
            }
            if run >= Self.paddingRun && lineHasText {
                return FindingHit(pointer: field.pointer, quote: Quote.around(i..<(i + 1), in: scalars),
                               message: "\(field.place.capitalizedFirst) pads a line with \(run) spaces, pushing the text after them out of view", severity: .medium)
            }
            run = 0
            lineHasText = true
        }
        return nil
    }
}
