/// A small scanner listing the tags of an HTML document and their attribute names, to check that
/// only the renderer's own markup is present. Text escaped as `&lt;` is, correctly, not a tag.
enum HTMLTagScanner {
    struct Tag { var name: String; var attributes: [String] }

    static let allowed: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "div",
        "h1", "h2", "h3", "span", "b", "p", "dl", "dt", "dd", "pre", "code", "q", "ul", "li", "details", "summary",
        "table", "thead", "tbody", "tr", "th", "td", "svg", "text", "rect", "input", "label", "script",
    ]

    static func tags(_ html: String) -> [Tag] {
        var out: [Tag] = []
        let chars = Array(html)
        var i = 0
        var inRawText: String?
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            var j = i + 1
            if j < chars.count, chars[j] == "/" { j += 1 }
            var name = ""
            while j < chars.count, !" >/\n\t".contains(chars[j]) { name.append(chars[j]); j += 1 }
            let closing = chars[i + 1] == "/"
            var end = j
            while end < chars.count, chars[end] != ">" { end += 1 }
            let inside = String(chars[j..<min(end, chars.count)])
            if let raw = inRawText {
                if closing && name.lowercased() == raw { inRawText = nil }
                i = end + 1
                continue
            }
            if !closing {
                out.append(Tag(name: name.lowercased(), attributes: attributeNames(inside)))
                if ["script", "style"].contains(name.lowercased()) { inRawText = name.lowercased() }
            }
            i = end + 1
        }
        return out
    }

    /// Attribute names of a tag's inside (values are double-quoted by the renderer).
    static func attributeNames(_ inside: String) -> [String] {
        var names: [String] = [], current = "", inQuotes = false
        for c in inside {
            if c == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == "=" || c == " " || c == "/" { if !current.isEmpty { names.append(current.lowercased()) }; current = ""; continue }
            current.append(c)
        }
        if !current.isEmpty { names.append(current.lowercased()) }
        return names
    }
}
