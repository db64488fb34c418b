/// The texts of one server split once: a name or description sent by several tools (`path`, "The ID of
/// the workspace") is split by the tokenizer once and the split shared (a `TokenizedText` depends only
/// on its text and mode). Used while a server's tool contexts are built, then dropped.
final class TextCache {
    private struct Key: Hashable {
        let text: String
        let mode: Tokenizer.Mode
    }
    private var texts: [Key: TokenizedText] = [:]

    /// The longest text (in UTF-8 bytes) kept.
    static let maxBytes = 4_096

    /// `text` split in `mode`, shared with an earlier split of the same bytes. `String` keys compare
    /// canonically, so a split is shared only when the bytes match too.
    func split(_ text: String, mode: Tokenizer.Mode = .prose) -> TokenizedText {
        guard text.utf8.count <= Self.maxBytes else { return TokenizedText(text, mode: mode) }
        let key = Key(text: text, mode: mode)
        if let known = texts[key] {
            if known.original.utf8.elementsEqual(text.utf8) { return known }
            return TokenizedText(text, mode: mode)
        }
        let split = TokenizedText(text, mode: mode)
        texts[key] = split
        return split
    }
}
