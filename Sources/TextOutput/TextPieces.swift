/// Something a text can be written to piece by piece, as if it were one text: for texts made of
/// fixed words and server strings, which are then never built.
public protocol TextPieces {
    /// Writes the next piece.
    mutating func write(_ piece: String)
}

/// The pieces of one text escaped by `VisibleText` and a syntax table (`VisibleText.write(lines:…)`).
public struct VisiblePieces: TextPieces {
    var writer: VisibleWriter
    var buffer: TextBuffer
    /// Characters past the limit, counted for the note that replaces them.
    var rest: Int?

    public mutating func write(_ piece: String) {
        if let counted = rest { rest = counted + piece.unicodeScalars.count; return }
        piece.withUTF8Bytes { src in
            if let cut = writer.write(src, into: &buffer) { rest = UTF8Scalar.count(src, from: cut) }
        }
    }
}

/// The pieces of one JSON string's content (`JSONOutput.string(pieces:)`).
public struct JSONPieces: TextPieces {
    var buffer: TextBuffer
    let escapingInvisible: Bool

    public mutating func write(_ piece: String) {
        JSONEscaper.appendEscaped(piece, escapingInvisible: escapingInvisible, to: &buffer)
    }
}

extension VisibleText {
    /// Appends the text `body` writes in pieces as `write` would append it whole. No piece may end in
    /// `\r` when the next starts with `\n` (the pair would not fold into one break).
    public static func write(lines: Lines, limit: Int?, syntax: SyntaxEscapes, into out: inout TextBuffer,
                             _ body: (inout VisiblePieces) -> Void) {
        syntax.action.withUnsafeBufferPointer { action in
            var pieces = VisiblePieces(writer: VisibleWriter(syntax: syntax, action: action, lines: lines, limit: limit), buffer: TextBuffer())
            swap(&pieces.buffer, &out)
            body(&pieces)
            if let rest = pieces.rest { pieces.writer.note(rest, into: &pieces.buffer) }
            swap(&pieces.buffer, &out)
        }
    }
}

extension JSONOutput {
    /// A string value whose content `body` writes in pieces. Each piece after the first must follow an
    /// ASCII character that is not an emoji (a space, a quote), so its escaping does not depend on the
    /// piece before it.
    public mutating func string(_ body: (inout JSONPieces) -> Void) {
        beforeValue()
        var pieces = JSONPieces(buffer: TextBuffer(), escapingInvisible: escapingInvisible)
        swap(&pieces.buffer, &buffer)
        pieces.buffer.append(byte: 0x22)
        body(&pieces)
        pieces.buffer.append(byte: 0x22)
        swap(&pieces.buffer, &buffer)
    }
}
