/// A tool or action name split into lowercase words, grouped by namespace segment.
///
/// `GetAHOReadSetMetadata` → get, aho, read, set, metadata; `k8s.pods.delete` → three segments;
/// `mcp__server__tool` → three segments; `jira_create_issue` → one segment of three words.
public struct NameTokens: Sendable, Hashable {
    /// One word of a name with the segment it belongs to.
    public struct Word: Sendable, Hashable {
        /// The word, lowercased.
        public var text: String
        /// Which namespace segment (0 = first) holds it.
        public var segment: Int
    }

    /// The words in order.
    public var words: [Word]
    /// How many namespace segments the name has.
    public var segmentCount: Int

    /// Splits `name` (snake, kebab, camel, Pascal, acronyms, dotted, slashed, `__`-namespaced).
    public init(_ name: String) {
        var words: [Word] = []
        var segment = 0
        var current: [Unicode.Scalar] = []
        let scalars = ScalarClass.scalars(of: name, limit: 512)
        var pendingSegmentBreak = false

        func flush() {
            guard !current.isEmpty else { return }
            if pendingSegmentBreak, !words.isEmpty { segment += 1 }
            pendingSegmentBreak = false
            words.append(Word(text: ScalarClass.lowercased(current[...]), segment: segment))
            current.removeAll(keepingCapacity: true)
        }

        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let isLetter = ScalarClass.isLetter(c)
            let isDigit = !isLetter && ScalarClass.isDigit(c)
            if !isLetter && !isDigit {
                flush()
                // Dots, slashes, colons and a doubled underscore start a new namespace segment.
                if c == "." || c == "/" || c == ":" || (c == "_" && i + 1 < scalars.count && scalars[i + 1] == "_") {
                    pendingSegmentBreak = true
                }
                i += 1
                continue
            }
            if let last = current.last {
                let lastUpper = ScalarClass.isUpper(last)
                let upper = ScalarClass.isUpper(c)
                let lower = ScalarClass.isLower(c)
                if upper && (ScalarClass.isLower(last) || (ScalarClass.isDigit(last) && current.count > 1)) {
                    flush()                                   // camelCase boundary
                } else if lower && lastUpper && current.count > 1 && ScalarClass.isUpper(current[current.count - 2]) {
                    // "AHORead": the last capital of an acronym starts the next word.
                    let carried = current.removeLast()
                    flush()
                    current.append(carried)
                }
            }
            current.append(c)
            i += 1
        }
        flush()
        self.words = words
        self.segmentCount = words.isEmpty ? 0 : segment + 1
    }

    /// The words of one segment, in order.
    public func words(inSegment s: Int) -> [String] { words.filter { $0.segment == s }.map(\.text) }
    /// Every word, in order.
    public var texts: [String] { words.map(\.text) }
}
