/// The one tokenizer: every text a rule reads (names, descriptions, parameter names, enum values,
/// instructions) is split here, once, into words.
///
/// Folding, as a model reads text: ASCII and single-scalar Unicode letters are lowercased, tag characters
/// (U+E0020–E007E) read as the ASCII they shadow, invisible formatting characters (zero-width, bidi
/// controls, soft hyphen) vanish, typographic quotes become plain, and white-space runs become one space.
/// Words are runs of letters, digits and `_` (an apostrophe between letters stays inside); contractions
/// become two words ("don't" → do, not; "can't" → can, not) and a possessive loses its `'s`.
///
/// Han, kana and hangul scalars are one word each (those scripts put no spaces between words), so a
/// phrase in Chinese, Japanese or Korean is written as a pattern with spaces between its characters, or
/// as one alternative that the pattern splits the same way. Fullwidth ASCII reads as ASCII, and a French
/// or Italian elision splits off its article ("l'utilisateur" → l, utilisateur).
///
/// Two ways to split the same scan: `.prose` keeps identifiers whole (`delete_branch` is one word, as
/// a reader sees it in a sentence); `.identifier` splits names into their words (`GetAHOReadSetMetadata`
/// → get, aho, read, set, metadata; `k8s.pods.delete` → three namespace segments).
enum Tokenizer {
    /// How words are cut.
    enum Mode: Sendable {
        case prose, identifier
        /// Folded bytes only, no words (how lexicon words are keyed).
        case fold
    }

    /// The most bytes of one text that are read; the rest adds no evidence (and costs nothing).
    static let maxBytes = 1 << 20
    /// The most scalars of a name that are read in identifier mode.
    static let maxIdentifierScalars = 512

    /// `text` folded to bytes (no words): how lexicon entries are keyed.
    static func foldedBytes(of text: String) -> [UInt8] { TextScanner(text, mode: .fold).run().folded }

    /// Whether a scalar is invisible formatting that an attacker could slip inside a word to dodge a match.
    @inline(__always) static func isIgnorable(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD, 0x034F, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069,
             0xFEFF, 0xE0000...0xE001F, 0xE007F: true
        default: false
        }
    }

    /// Whether a scalar is a Han ideograph, kana or hangul: a word of its own.
    @inline(__always) static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x11FF, 0x3041...0x30FF, 0x3130...0x318F, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA960...0xA97F, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9D, 0x20000...0x2FFFF: true
        default: false
        }
    }

    /// Whether a scalar ends a sentence by itself, with no space after it (。！？；).
    @inline(__always) static func isCJKStop(_ v: UInt32) -> Bool {
        v == 0x3002 || v == 0xFF01 || v == 0xFF1F || v == 0xFF1B || v == 0xFF61
    }
}

/// One pass over a text's scalars producing folded bytes and words.
struct TextScanner {
    private let text: String
    private let mode: Tokenizer.Mode

    init(_ text: String, mode: Tokenizer.Mode) { self.text = text; self.mode = mode }

    /// What the pass produced.
    struct Output {
        var folded: [UInt8] = []
        /// For each folded byte, the UTF-8 offset in the original it came from (nil: the same offset).
        var origin: [Int32]?
        var words: [TokenizedText.Word] = []
        /// The index of the first word past the prose limit (`ProseLimit.scalars`), or `words.count`.
        var proseEnd = 0
        var truncated = false
        var isASCII = true
    }

    func run() -> Output {
        let truncated = text.utf8.count > Tokenizer.maxBytes
        // A whole native string is scanned where it lies, without a copy.
        if !truncated, let out = text.utf8.withContiguousStorageIfAvailable({ bytes -> Output in
            var state = ScanState(bytes: bytes, mode: mode)
            state.scan()
            return state.out
        }) {
            return out
        }
        var utf8 = Array(text.utf8.prefix(Tokenizer.maxBytes))
        // A cut inside a multi-byte scalar would leave a broken tail: drop the scalar it cut (only when cut:
        // a text that ends in a whole non-ASCII scalar keeps it).
        if truncated {
            while let last = utf8.last, last & 0xC0 == 0x80 { utf8.removeLast() }
            if let last = utf8.last, last >= 0xC0 { utf8.removeLast() }
        }
        var out = utf8.withUnsafeBufferPointer { bytes -> Output in
            var state = ScanState(bytes: bytes, mode: mode)
            state.scan()
            return state.out
        }
        out.truncated = truncated
        return out
    }
}

/// The scanning state machine (kept apart from `TextScanner` so the hot loop works on raw buffers).
private struct ScanState {
    let bytes: UnsafeBufferPointer<UInt8>
    let mode: Tokenizer.Mode
    var out = TextScanner.Output()

    // The scalar stream: current position and a one-scalar look-ahead.
    var pos = 0
    // The word being built: start in folded bytes, scalar count, flags.
    var wordStart = -1
    var wordScalars = 0
    var wordHasUnderscore = false
    var wordHasInnerUpper = false
    var wordHasApostrophe = false
    var wordIsASCII = true
    var lastWordScalar: UInt32 = 0          // original scalar (case kept) of the word's last scalar
    var secondLastWordScalar: UInt32 = 0
    var lastScalarFoldedStart = 0
    var lastWordScalarWasLower = false
    var sentence: Int32 = 0
    var sawWordInSentence = false
    var lastWasSpace = false
    var scalarsSeen = 0
    var segment: Int32 = 0
    var pendingSegmentBreak = false
    var previousNonSpace: UInt32 = 0        // the folded scalar before the current word (for "(" tags)

    init(bytes: UnsafeBufferPointer<UInt8>, mode: Tokenizer.Mode) {
        self.bytes = bytes
        self.mode = mode
        out.folded.reserveCapacity(bytes.count)
        out.words.reserveCapacity(bytes.count / 5)
    }

    /// Decodes the scalar at `i`: its value and length (the text is valid UTF-8: it came from a String).
    @inline(__always) func decode(_ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4)
    }

    /// The scalar a model reads at `i` (tag characters as ASCII), and its length; ignorables skipped.
    @inline(__always) func visible(from i: Int) -> (UInt32, Int)? {
        var k = i
        while k < bytes.count {
            let (v, n) = decode(k)
            if v >= 0xE0020 && v <= 0xE007E { return (v - 0xE0000, k + n - i) }
            if v >= 0x80 && Tokenizer.isIgnorable(v) { k += n; continue }
            return (v, k + n - i)
        }
        return nil
    }

    mutating func scan() {
        let identifier = mode == .identifier
        while pos < bytes.count {
            let start = pos
            let (raw, n) = decode(pos)
            pos += n
            var v = raw
            if v >= 0x80 {
                out.isASCII = false
                if v >= 0xE0020 && v <= 0xE007E {
                    v -= 0xE0000
                } else if Tokenizer.isIgnorable(v) {
                    continue
                }
            }
            scalarsSeen += 1
            if identifier && scalarsSeen > Tokenizer.maxIdentifierScalars { break }
            if scalarsSeen == ProseLimit.scalars + 1 { out.proseEnd = out.words.count + (wordStart >= 0 ? 1 : 0) }
            if v >= 0x1100 {
                // Fullwidth ASCII (ｓｅｎｄ) reads as ASCII; Han, kana and hangul are a word per scalar.
                if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if Tokenizer.isCJK(v) {
                    flushWord()
                    appendWordScalar(original: v, at: start)
                    flushWord()
                    continue
                }
            }
            let letter = CharacterClass.isLetter(v)
            let digit = !letter && CharacterClass.isDigit(v)
            if letter || digit || (v == 0x5F && !identifier) {
                if identifier, wordStart >= 0 { splitCamel(before: v, letter: letter) }
                appendWordScalar(original: v, at: start)
                continue
            }
            // An apostrophe between letters stays inside the word.
            if (v == 0x27 || v == 0x2019) && wordStart >= 0 && !identifier {
                if let (next, _) = visible(from: pos), CharacterClass.isLetter(next) {
                    emit(0x27, at: start)
                    wordHasApostrophe = true
                    wordScalars += 1
                    continue
                }
            }
            flushWord()
            if identifier {
                if v == 0x2E || v == 0x2F || v == 0x3A { pendingSegmentBreak = true }
                if v == 0x5F, let (next, _) = visible(from: pos), next == 0x5F { pendingSegmentBreak = true }
            }
            if CharacterClass.isSpace(v) {
                if !lastWasSpace { emit(0x20, at: start) }
                lastWasSpace = true
            } else {
                lastWasSpace = false
                emitFolded(v, at: start)
                previousNonSpace = v
            }
            // A sentence ends at . ! ? ; before white space, or at a line break before a blank line, a list
            // item, a heading, an indented line or a capital.
            if sawWordInSentence {
                let next = visible(from: pos)?.0 ?? 0x20
                if ((v == 0x2E || v == 0x21 || v == 0x3F || v == 0x3B) && CharacterClass.isSpace(next)) || Tokenizer.isCJKStop(v) {
                    sentence += 1; sawWordInSentence = false
                } else if v == 0x0A && (next == 0x0A || next == 0x2D || next == 0x2A || next == 0x23 || next == 0x20 || CharacterClass.isUpper(next)) {
                    sentence += 1; sawWordInSentence = false
                }
            }
        }
        flushWord()
        if scalarsSeen <= ProseLimit.scalars { out.proseEnd = out.words.count }
    }

    /// Identifier mode: a camel-case or acronym boundary before `v` ends the word being built.
    @inline(__always) mutating func splitCamel(before v: UInt32, letter: Bool) {
        let upper = letter && CharacterClass.isUpper(v)
        let lower = letter && CharacterClass.isLower(v)
        let last = lastWordScalar
        if upper && (CharacterClass.isLower(last) || (CharacterClass.isDigit(last) && wordScalars > 1)) {
            flushWord()                                                   // camelCase
        } else if lower && CharacterClass.isUpper(last) && wordScalars > 1 && CharacterClass.isUpper(secondLastWordScalar) {
            // "AHORead": the last capital of an acronym starts the next word.
            let carried = lastScalarFoldedStart
            let carriedScalar = last
            finishWord(end: carried)
            wordStart = carried
            wordScalars = 1
            wordIsASCII = carriedScalar < 0x80
            secondLastWordScalar = 0
        }
    }

    @inline(__always) mutating func appendWordScalar(original v: UInt32, at start: Int) {
        if wordStart < 0 {
            wordStart = out.folded.count
            wordScalars = 0
            wordHasUnderscore = false
            wordHasInnerUpper = false
            wordHasApostrophe = false
            wordIsASCII = true
        } else if CharacterClass.isUpper(v) && wordScalars > 0 {
            wordHasInnerUpper = true
        }
        if v == 0x5F { wordHasUnderscore = true }
        if v >= 0x80 { wordIsASCII = false }
        lastScalarFoldedStart = out.folded.count
        secondLastWordScalar = lastWordScalar
        lastWordScalar = v
        emitFolded(v, at: start)
        wordScalars += 1
        lastWasSpace = false
    }

    @inline(__always) mutating func flushWord() {
        guard wordStart >= 0 else { return }
        finishWord(end: out.folded.count)
        wordStart = -1
    }

    /// Records the word `wordStart..<end` (splitting contractions and possessives).
    mutating func finishWord(end: Int) {
        guard end > wordStart, mode != .fold else { return }
        var flags: TokenizedText.Flags = []
        if wordHasUnderscore { flags.insert(.underscore) }
        if wordHasInnerUpper { flags.insert(.innerCapital) }
        if wordIsASCII { flags.insert(.ascii) }
        if previousNonSpace == 0x28, out.folded.count > 0 { flags.insert(.afterParenthesis) }
        if mode == .identifier {
            if pendingSegmentBreak, !out.words.isEmpty { segment += 1 }
            pendingSegmentBreak = false
        }
        let s = Int32(wordStart), e = Int32(end)
        out.folded.withUnsafeBufferPointer { f in
            if wordHasApostrophe, let (first, second) = Contractions.split(f, from: wordStart, to: end) {
                out.words.append(.init(start: s, end: e, hash: first, sentence: sentence, segment: segment, flags: flags.union(.contraction)))
                out.words.append(.init(start: s, end: e, hash: second, sentence: sentence, segment: segment, flags: flags.union(.contraction)))
            } else if wordHasApostrophe, let apostrophe = Contractions.elision(f, from: wordStart, to: end) {
                out.words.append(.init(start: s, end: Int32(apostrophe), hash: WordHash.of(f, from: wordStart, to: apostrophe), sentence: sentence, segment: segment, flags: flags))
                out.words.append(.init(start: Int32(apostrophe + 1), end: e, hash: WordHash.of(f, from: apostrophe + 1, to: end), sentence: sentence, segment: segment, flags: flags))
            } else if wordHasApostrophe, Contractions.isPossessive(f, from: wordStart, to: end) {
                out.words.append(.init(start: s, end: e - 2, hash: WordHash.of(f, from: wordStart, to: end - 2), sentence: sentence, segment: segment, flags: flags))
            } else {
                out.words.append(.init(start: s, end: e, hash: WordHash.of(f, from: wordStart, to: end), sentence: sentence, segment: segment, flags: flags))
            }
        }
        sawWordInSentence = true
        previousNonSpace = 0
    }

    /// Appends the folded form of scalar `v` read at original offset `start`.
    @inline(__always) mutating func emitFolded(_ v: UInt32, at start: Int) {
        if v < 0x80 {
            emit(v >= 0x41 && v <= 0x5A ? v + 0x20 : v, at: start)
            return
        }
        emit(CharacterClass.fold(v), at: start)
    }

    /// Appends scalar `v` (already folded) as UTF-8, keeping the map to the original when it diverges.
    @inline(__always) mutating func emit(_ v: UInt32, at start: Int) {
        let before = out.folded.count
        if v < 0x80 {
            out.folded.append(UInt8(v))
        } else if v < 0x800 {
            out.folded.append(UInt8(0xC0 | (v >> 6))); out.folded.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.folded.append(UInt8(0xE0 | (v >> 12))); out.folded.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.folded.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.folded.append(UInt8(0xF0 | (v >> 18))); out.folded.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.folded.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.folded.append(UInt8(0x80 | (v & 0x3F)))
        }
        let added = out.folded.count - before
        if out.origin == nil {
            // Identical so far: only when a byte lands elsewhere than it was is the map built.
            if before == start && pos - start == added { return }
            out.origin = (0..<before).map { Int32($0) }
        }
        for k in 0..<added { out.origin!.append(Int32(start + min(k, pos - start - 1))) }
    }
}

/// How far the capability rules read a description: the first 8,192 scalars say what a tool does; the
/// rest of a huge text adds no evidence (threat rules read all of it).
enum ProseLimit {
    static let scalars = 8_192
}
