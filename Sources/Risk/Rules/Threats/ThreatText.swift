import JSON

/// Shared plumbing of the finding rules: quotes cut from what the server sent, decoded payloads shown
/// as the model would read them, and names of places.
enum ThreatText {
    /// The original text around words `from...to` of `text`: the words themselves with some context,
    /// cut to a readable length (raw; renderers escape).
    static func quote(_ text: TokenizedText, _ from: Int, _ to: Int) -> String {
        guard !text.words.isEmpty else { return Quote.prefix(text.original) }
        let a = max(0, min(from, text.words.count - 1)), b = max(a, min(to, text.words.count - 1))
        return quote(text, bytes: Int(text.words[a].start)..<Int(text.words[b].end))
    }

    /// The original text around folded bytes `range` of `text`, with some context.
    static func quote(_ text: TokenizedText, bytes range: Range<Int>) -> String {
        let start = text.originalOffset(range.lowerBound), end = text.originalEnd(range.upperBound)
        let utf8 = Array(text.original.utf8)
        guard start < end, end <= utf8.count else { return Quote.prefix(text.original) }
        let scalars = Array(text.original.unicodeScalars)
        // Scalar indices of the byte range.
        var offset = 0, lo = 0, hi = scalars.count
        for (i, s) in scalars.enumerated() {
            if offset <= start { lo = i }
            if offset < end { hi = i + 1 }
            offset += String(s).utf8.count
        }
        return Quote.around(lo..<hi, in: scalars, limit: 160)
    }

    /// A hit at `field`, quoting words `from...to` of `text`.
    static func hit(_ field: TextField, _ text: TokenizedText, _ from: Int, _ to: Int, message: String, severity: Severity? = nil) -> FindingHit {
        FindingHit(pointer: field.pointer, quote: quote(text, from, to), message: message, severity: severity)
    }

    /// How a decoded payload is named in a message: `(decoded from Base64: "…")`.
    static func decodedNote(_ payload: PayloadDecoder.Decoded) -> String {
        " (hidden as \(payload.encoding); decoded: \"\(Quote.cut(EvidenceQuote.make(payload.text)))\")"
    }

    /// Matched text for a message: tag characters shown as the ASCII they hide, and said so.
    static func readable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: TagCharacters.isTag) else { return "\"\(text)\"" }
        var out = ""
        for s in text.unicodeScalars {
            if !TagCharacters.isTag(s) { out.unicodeScalars.append(s) } else if let a = TagCharacters.printableASCII(of: s) { out.unicodeScalars.append(a) }
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
        case "prompts", "promptBodies": ("prompt", server.prompts)
        case "resources": ("resource", server.resources)
        case "resourceTemplates": ("resource template", server.resourceTemplates)
        default: ("", [])
        }
        guard items.indices.contains(i) else { return "the server" }
        let name = items[i]["name"]?.stringValue ?? items[i]["uri"]?.stringValue ?? items[i]["uriTemplate"]?.stringValue ?? "#\(i)"
        return "\(kind) `\(name)`"
    }
}

extension String {
    /// The string with its first character uppercased, for messages that start with a place.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension ThreatText {
    /// One finding per field for the worst intent of `kinds` read in it: the words (or the decoded
    /// payload) quoted, and why it fired.
    static func intentHits(_ index: ServerIndex, _ kinds: Set<Intent.Kind>) -> [FindingHit] {
        var out: [FindingHit] = []
        for (i, reading) in index.readings.enumerated() where !index.intents[i].isEmpty {
            let found = index.intents[i].filter { kinds.contains($0.intent.kind) }
            guard let worst = found.max(by: { a, b in
                a.intent.severity != b.intent.severity ? a.intent.severity < b.intent.severity : a.layer > b.layer
            }) else { continue }
            out.append(hit(reading, layer: worst.layer, from: worst.intent.from, to: worst.intent.to,
                           reason: worst.intent.reason, severity: worst.intent.severity))
        }
        return out
    }

    /// A finding at `reading`'s field for words `from...to` of layer `layer`: the field's words quoted, or,
    /// for a decoded payload, where it hides and what it says.
    static func hit(_ reading: FieldReading, layer: Int, from: Int, to: Int, reason: String, severity: Severity?) -> FindingHit {
        let field = reading.field
        if layer == 0 {
            let text = reading.main.text
            let words = text.words.isEmpty ? text.original : text.quote(max(0, from), min(to, text.words.count - 1))
            return FindingHit(pointer: field.pointer, quote: quote(text, from, to),
                              message: "\(field.place.capitalizedFirst) \(reason): \(readable(EvidenceQuote.make(words)))", severity: severity)
        }
        let payload = reading.decoded[layer - 1].payload
        let decoded = reading.decoded[layer - 1].reading.text
        let words = decoded.words.isEmpty ? decoded.original : decoded.quote(max(0, from), min(to, decoded.words.count - 1))
        let utf8 = Array(field.text.utf8)
        let outer = payload.range.upperBound <= utf8.count ? String(decoding: utf8[payload.range], as: UTF8.self) : field.text
        return FindingHit(pointer: field.pointer, quote: Quote.prefix(outer),
                          message: "\(field.place.capitalizedFirst) \(reason), in text hidden as \(payload.encoding): \"\(Quote.cut(EvidenceQuote.make(words)))\" (decoded: \"\(Quote.cut(EvidenceQuote.make(payload.text)))\")",
                          severity: severity)
    }
}
