/// Prefix tests for lowercase words in the rule matchers, which run them on every word of every text.
enum WordPrefix {
    /// `word.hasPrefix(prefix)`, rejecting most words on their first byte: an ASCII prefix can only
    /// start a word that starts with the same byte (`String.hasPrefix` compares Characters, slowly).
    @inline(__always) static func matches(_ word: String, _ prefix: String) -> Bool {
        if let p = prefix.utf8.first, p < 0x80, word.utf8.first != p { return false }
        return word.hasPrefix(prefix)
    }
}
