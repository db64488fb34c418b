import JSON

/// The features the learned reading looks at for one tool: what the rules concluded (the category, which
/// rules gave evidence for what, how the evidence weighs per category, the strongest quote) and the
/// tool's own words (name words, the description's first 40 words, parameter names).
///
/// The same function feeds training (`mcprisk eval --features`) and classification, so the model sees at
/// run time exactly what it was trained on. Words are ASCII letter and digit runs, lowercased, with
/// camelCase split (`getUserInfo` → get, user, info); anything else separates words.
public enum LearnedFeatures {
    /// How many words of the description count.
    static let descriptionWords = 40

    /// The features of a tool, as name → value (absent features are 0).
    public static func of(name: String, description: String, parameterNames: [String], category: Category, evidence: [Evidence]) -> [String: Double] {
        var f: [String: Double] = [:]
        f["cls=" + category.rawValue] = 1
        var weights: [Category: Int] = [:]
        for e in evidence {
            weights[e.category, default: 0] += e.weight
            f["rule=\(e.ruleId)>\(e.category.rawValue)", default: 0] += 1
        }
        let total = Double(max(weights.values.reduce(0, +), 1))
        for (c, w) in weights where w != 0 { f["share=" + c.rawValue] = Double(w) / total }
        // The strongest evidence (the first of the heaviest, as the verdict orders them).
        if let top = evidence.reduce(nil as Evidence?, { best, e in best.map { e.weight > $0.weight ? e : $0 } ?? e }) {
            f["top=\(top.ruleId)>\(top.category.rawValue)"] = 1
            f["topq=\(top.quote.lowercased())>\(top.category.rawValue)"] = 1
        } else {
            f["noevidence"] = 1
        }
        let nameWords = words(name)
        for w in nameWords { f["n=" + w] = 1 }
        if let first = nameWords.first { f["n0=" + first] = 1 }
        if nameWords.count > 1 { f["n1=" + nameWords[1]] = 1 }
        if let last = nameWords.last { f["nl=" + last] = 1 }
        let head = words(description, limit: descriptionWords)
        for w in head { f["d=" + w] = 0.5 }
        if let first = head.first { f["d0=" + first] = 1 }
        for p in parameterNames { for w in words(p) { f["p=" + w] = 0.5 } }
        return f
    }

    /// The top-level parameter names of a tool's JSON (`inputSchema.properties`), in document order.
    public static func parameterNames(_ tool: JSONValue) -> [String] {
        guard case .object(let properties)? = tool["inputSchema"]?["properties"] else { return [] }
        return properties.keys
    }

    /// ASCII letter and digit runs of `text`, lowercased, camelCase split; at most `limit` of them.
    static func words(_ text: String, limit: Int = .max) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0
        func flush() {
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
        }
        for byte in text.utf8 {
            if out.count >= limit { break }
            let isUpper = byte >= 65 && byte <= 90, isLower = byte >= 97 && byte <= 122, isDigit = byte >= 48 && byte <= 57
            if isUpper || isLower || isDigit {
                let previousLowerOrDigit = (previous >= 97 && previous <= 122) || (previous >= 48 && previous <= 57)
                if isUpper && previousLowerOrDigit { flush() }
                current.append(isUpper ? byte + 32 : byte)
            } else {
                flush()
            }
            previous = byte
        }
        if out.count < limit { flush() }
        return Array(out.prefix(limit))
    }

    /// The same words as `words`, as ranges of one buffer of their lowercased bytes (no string per word).
    static func wordRanges(_ text: String, limit: Int) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var start = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if ranges.count >= limit { break }
            let isUpper = byte >= 65 && byte <= 90, isLower = byte >= 97 && byte <= 122, isDigit = byte >= 48 && byte <= 57
            if isUpper || isLower || isDigit {
                let previousLowerOrDigit = (previous >= 97 && previous <= 122) || (previous >= 48 && previous <= 57)
                if isUpper && previousLowerOrDigit, bytes.count > start { ranges.append(start..<bytes.count); start = bytes.count }
                bytes.append(isUpper ? byte + 32 : byte)
            } else if bytes.count > start {
                ranges.append(start..<bytes.count); start = bytes.count
            }
            previous = byte
        }
        if ranges.count < limit, bytes.count > start { ranges.append(start..<bytes.count) }
        return (bytes, Array(ranges.prefix(limit)))
    }
}
