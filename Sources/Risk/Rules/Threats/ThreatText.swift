import JSON

/// Shared plumbing of the finding rules: the server's text fields, folded for matching, and hits.
enum ThreatText {
    /// Every text field with its folded form, optionally only those `include` accepts.
    static func fields(_ index: ServerIndex, _ include: (TextField) -> Bool = { _ in true }) -> [(field: TextField, text: FoldedText)] {
        index.foldedFields(include)
    }

    /// A finding hit at `field`, quoting `range` of its text.
    static func hit(_ field: TextField, _ text: FoldedText, range: Range<Int>, message: String, severity: Severity? = nil) -> RuleHit {
        RuleHit(pointer: field.pointer, quote: text.quote(range), message: message, effect: .finding(severity: severity))
    }

    /// The words of `text` that lie within `radius` scalars of `range`, for cue checks near a match.
    static func words(near range: Range<Int>, in text: FoldedText, radius: Int) -> Set<String> {
        let window = max(0, range.lowerBound - radius)..<(range.upperBound + radius)
        return Set(text.words[text.wordIndices(overlapping: window)].map(\.text))
    }

    /// The sentence (or line) around `range`, as a word index range: the span cross-tool cues must share.
    static func sentence(around range: Range<Int>, in text: FoldedText) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        let stops: Set<Unicode.Scalar> = [".", "!", "?", "\n", ";"]
        // A stop only counts when followed by a space or the end, so `mcp.json` stays one sentence.
        func isStop(_ i: Int) -> Bool {
            guard stops.contains(text.scalars[i]) else { return false }
            return text.scalars[i] == "\n" || i + 1 >= text.scalars.count || text.scalars[i + 1] == " " || text.scalars[i + 1] == "\n"
        }
        // Bounded, so a text without punctuation cannot make every match scan all of it.
        let floor = max(0, range.lowerBound - 600), ceiling = min(text.scalars.count, range.upperBound + 600)
        while lo > floor, !isStop(lo - 1) { lo -= 1 }
        while hi < ceiling, !isStop(hi) { hi += 1 }
        return text.wordIndices(overlapping: lo..<hi)
    }

    /// The words of the sentence around `range`, no farther than `radius` scalars from it: the words
    /// that must carry the request for a match to count.
    static func cueWords(around range: Range<Int>, in text: FoldedText, radius: Int = 250) -> Set<String> {
        let sentence = sentence(around: range, in: text)
        let near = text.wordIndices(overlapping: max(0, range.lowerBound - radius)..<(range.upperBound + radius))
        let lo = max(sentence.lowerBound, near.lowerBound)
        let hi = min(sentence.upperBound, near.upperBound)
        return lo < hi ? Set(text.words[lo..<hi].map(\.text)) : []
    }

    /// Word beginnings that mark a text as talking about attacks (a prompt-injection filter quoting
    /// "ignore previous instructions" as an example) rather than making one.
    static let attackTalk = ["injection", "jailbreak", "detect", "attack", "malicious", "sanitiz", "guardrail", "scanner", "poison"]

    /// True when the words near `range` discuss attacks, so the match is likely a quoted example.
    static func discussesAttacks(near range: Range<Int>, in text: FoldedText) -> Bool {
        let near = text.words[text.wordIndices(overlapping: max(0, range.lowerBound - 200)..<(range.upperBound + 200))]
        return near.contains { word in attackTalk.contains { word.text.hasPrefix($0) } }
    }

    /// Matched text for a message: tag characters shown as the ASCII they hide, and said so.
    static func readable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: TagCharacters.isTag) else { return "\"\(text)\"" }
        var out = ""
        for s in text.unicodeScalars {
            if !TagCharacters.isTag(s) {
                out.unicodeScalars.append(s)
            } else if let ascii = TagCharacters.printableASCII(of: s) {
                out.unicodeScalars.append(ascii)
            }
        }
        return "\"\(out)\" (hidden in invisible tag characters)"
    }

    /// "U+200B" style name of a scalar.
    static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The tool, prompt or resource a pointer is in, as "tool `name`", or "the server".
    static func owner(of pointer: JSONPointer, in server: ReviewedServer) -> String {
        guard pointer.tokens.count >= 2, let i = Int(pointer.tokens[1]) else { return "the server" }
        let (kind, items): (String, [JSONValue]) = switch pointer.tokens[0] {
        case "tools": ("tool", server.tools)
        case "prompts": ("prompt", server.prompts)
        case "resources": ("resource", server.resources)
        case "resourceTemplates": ("resource template", server.resourceTemplates)
        default: ("", [])
        }
        guard items.indices.contains(i) else { return "the server" }
        let name = items[i]["name"]?.stringValue ?? items[i]["uri"]?.stringValue ?? items[i]["uriTemplate"]?.stringValue ?? "#\(i)"
        return "\(kind) `\(name)`"
    }
}
