import Foundation

/// Checks that a regular expression compiles under RE2 (Go's `regexp`), which Intercept uses
/// (validate.go calls `regexp.Compile`). JSON Schema patterns are ECMA-262 and may use what RE2
/// lacks (lookaround, backreferences, possessive quantifiers), so every pattern is checked before
/// it goes into a policy, and every policy read back is checked the same way.
enum RegexSupport {
    /// RE2 refuses repeat counts above this (`{n,m}` with n or m > 1000).
    static let maxRepeat = 1000
    /// Patterns longer than this are refused outright (a policy is no place for a novel).
    static let maxLength = 4096

    /// nil when `pattern` compiles under RE2; otherwise why not.
    static func re2Problem(_ pattern: String) -> String? {
        if pattern.utf8.count > maxLength { return "pattern longer than \(maxLength) bytes" }
        let chars = Array(pattern.unicodeScalars)
        var i = 0
        var inClass = false
        var lastWasQuantifier = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { return "trailing backslash" }
                let e = chars[i + 1]
                if let problem = escapeProblem(e) { return problem }
                if e == "Q" {   // \Q…\E quotes literally
                    var j = i + 2
                    while j + 1 < chars.count, !(chars[j] == "\\" && chars[j + 1] == "E") { j += 1 }
                    i = j + 2; lastWasQuantifier = false; continue
                }
                i += 2; lastWasQuantifier = false; continue
            }
            if inClass {
                if c == "]" { inClass = false }
                i += 1; continue
            }
            switch c {
            case "[":
                inClass = true
                // A `]` right after `[` or `[^` is literal.
                if i + 1 < chars.count, chars[i + 1] == "^" { i += 1 }
                if i + 1 < chars.count, chars[i + 1] == "]" { i += 1 }
                lastWasQuantifier = false
            case "(":
                if i + 1 < chars.count, chars[i + 1] == "?" {
                    let rest = String(String.UnicodeScalarView(chars[(i + 2)...].prefix(3)))
                    for bad in ["=", "!", "<=", "<!", ">", "#"] where rest.hasPrefix(bad) {
                        return "group (?\(bad)…) is not supported by RE2 (no lookaround, atomic groups or comments)"
                    }
                }
                lastWasQuantifier = false
            case "*", "+", "?":
                if lastWasQuantifier {
                    // `x*?` is a lazy quantifier; `x*+`, `x**`, `x+*` are refused by RE2.
                    if c == "?", i > 0, chars[i - 1] != "?" { lastWasQuantifier = false; i += 1; continue }
                    return "nested repetition operator \"\(chars[i - 1])\(c)\" is not supported by RE2"
                }
                lastWasQuantifier = true
                i += 1; continue
            case "{":
                if let (end, counts) = repeatCounts(chars, from: i) {
                    if counts.contains(where: { $0 > maxRepeat }) { return "repeat count above \(maxRepeat) is not supported by RE2" }
                    if lastWasQuantifier { return "nested repetition operator is not supported by RE2" }
                    i = end + 1; lastWasQuantifier = true; continue
                }
                lastWasQuantifier = false
            default:
                lastWasQuantifier = false
            }
            i += 1
        }
        if inClass { return "missing closing ]" }
        // ICU spells named groups `(?<n>…)`; RE2 also takes Python's `(?P<n>…)`.
        let icu = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        do { _ = try NSRegularExpression(pattern: icu) } catch { return "does not compile" }
        return nil
    }

    private static func escapeProblem(_ e: Unicode.Scalar) -> String? {
        if ("1"..."9").contains(e) { return "backreference \\\(e) is not supported by RE2" }
        if e.properties.isAlphabetic || ("0"..."9").contains(e) {
            let supported: Set<Unicode.Scalar> = ["a", "f", "t", "n", "r", "v", "x", "d", "D", "s", "S", "w", "W", "b", "B", "A", "z", "p", "P", "Q", "E", "0"]
            if !supported.contains(e) { return "escape \\\(e) is not supported by RE2" }
        }
        return nil
    }

    /// `{n}`, `{n,}`, `{n,m}` starting at `start`: the index of `}` and the counts; nil when the
    /// brace is a literal.
    private static func repeatCounts(_ chars: [Unicode.Scalar], from start: Int) -> (Int, [Int])? {
        var j = start + 1
        var numbers: [Int] = []
        var current = ""
        while j < chars.count, j - start < 24 {
            let c = chars[j]
            if ("0"..."9").contains(c) { current.unicodeScalars.append(c) }
            else if c == "," { numbers.append(Int(current) ?? -1); current = "" }
            else if c == "}" {
                numbers.append(Int(current) ?? -1)
                guard numbers.first.map({ $0 >= 0 }) == true, numbers.count <= 2 else { return nil }
                return (j, numbers.filter { $0 >= 0 })
            } else { return nil }
            j += 1
        }
        return nil
    }
}
