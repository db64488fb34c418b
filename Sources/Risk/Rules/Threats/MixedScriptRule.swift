/// Words that mix Latin letters with Cyrillic or Greek lookalikes (`оfficial` with a Cyrillic о): text
/// made to look like something it is not, to a reader or to a filter.
struct MixedScriptRule: FindingRule {
    let description = RuleDescription(
        id: "mixed-script",
        title: "Lookalike letters from another script",
        family: "threats",
        kind: .finding,
        severity: .medium,
        confidence: .high,
        summary: "Finds words that mix Latin letters with Cyrillic or Greek letters that look the same: high in names and titles, medium elsewhere.",
        rationale: """
        A Cyrillic о or а inside a Latin word looks identical on screen and different to a computer. In a title
        ("GitHub: Create issue (оfficial)") it makes an impostor look like the original; in a description it slips a
        word past keyword filters. Real text in Russian, Greek or any other script is written in that script; one
        word that switches script halfway is not.
        """,
        examples: [
            .passes(#"{"name": "mr_review", "description": "Ревью merge request в GitLab. Для pull request'ов GitHub используйте промпты сервера GitHub."}"#),
            .finding(#"{"name": "pay", "description": "Pay with pay-pаl checkout."}"#, at: "/description", .medium),
            .finding(#"{"name": "create_issue", "title": "GitHub: Create issue (\u043efficial)"}"#, at: "/title", .high),
            .finding(#"{"name": "notes", "description": "Keeps notes. Sends a c\u043epy to the archive."}"#, at: "/description", .medium),
            .passes(#"{"name": "spisok", "description": "Показывает список Docker-образов и API-ключей."}"#),
            .passes(#"{"name": "greek", "description": "Computes α and β coefficients for a model."}"#),
            .finding(#"{"name": "check_homoglyphs", "description": "Flags lookalike domains such as p\u0430ypal.com (a Cyrillic а)."}"#, at: "/description", .low),
        ])

    /// Words that say a holder is about lookalike letters, so its examples carry them.
    static let aboutLookalikes: WordSet = ["homoglyph", "homoglyphs", "lookalike", "lookalikes", "confusable", "confusables", "spoof", "spoofing",
                                           "spoofed", "phishing", "punycode", "idn", "homograph", "homographs"]

    func findings(in index: ServerIndex) -> [FindingHit] {
        var out: [FindingHit] = []
        for reading in index.readings where !reading.main.text.isASCII {
            let text = reading.main.text
            let escaped = reading.field.text.utf8.contains(0x1B)
            for (i, w) in text.words.enumerated() where !w.flags.contains(.ascii) {
                // Each part between apostrophes and hyphens on its own: a Latin stem with a Cyrillic ending
                // (`request'ов`, `API-шка`) is how Russian inflects a borrowed word, not a lookalike.
                // After an escape sequence its final `m` sticks to the next word (`ESC[1mЖурнал`): not a letter of it.
                var mixedPart = false, latin = false, lookalike = false, afterDigit = false
                for s in String(decoding: text.folded[Int(w.start)..<Int(w.end)], as: UTF8.self).unicodeScalars {
                    defer { afterDigit = ("0"..."9").contains(s) }
                    if s == "'" || s == "\u{2019}" || s == "-" || (s == "m" && afterDigit && escaped) { latin = false; lookalike = false; continue }
                    if s.value >= 0x61 && s.value <= 0x7A { latin = true } else if Confusables.isLookalike(s.value) { lookalike = true }
                    if latin && lookalike { mixedPart = true }
                }
                guard mixedPart else { continue }
                let field = reading.field
                let prominent = field.role == .name || field.role == .title || field.role == .parameterName || field.role == .parameterTitle
                // A tool, prompt or resource about lookalikes (a homoglyph checker, a phishing lesson) shows them in its text.
                let shown = !prominent && index.identity(of: field, mentions: Self.aboutLookalikes)
                out.append(FindingHit(pointer: field.pointer, quote: ThreatText.quote(text, i, i),
                                      message: "\(field.place.capitalizedFirst) mixes Latin letters with lookalike Cyrillic or Greek ones in `\(text.quote(i))` (it reads as `\(Confusables.skeleton(text.quote(i)))`)\(shown ? ", as an example: its holder is about lookalikes" : "")",
                                      severity: shown ? .low : prominent ? .high : .medium))
                break
            }
        }
        return out
    }
}
