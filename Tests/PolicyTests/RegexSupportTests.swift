import Policy
import Testing

/// Regexes are held to RE2 (Go regexp), which Intercept compiles them with.
struct RegexSupportTests {
    static func problem(_ pattern: String) -> Bool {
        let yaml = "version: \"1\"\ntools:\n  t:\n    rules:\n      - name: r\n        conditions:\n          - {path: args.a, op: regex, value: \(InterceptValidatorQuote.quote(pattern))}\n"
        return !InterceptValidator.validate(yaml: yaml).isEmpty
    }

    @Test(arguments: ["^cus_[A-Za-z0-9]+$", "(?s)^.{0,500}$", "(?i)^feat/", "a{2,5}?", "[\\]a]+", "\\d+\\.\\d*", "(?P<n>x)|y", "\\Qa.b\\E", "[(?=]"])
    func accepted(pattern: String) { #expect(!Self.problem(pattern), "\(pattern)") }

    @Test(arguments: ["(?=x)", "(?!x)", "(?<=x)", "(?<!x)", "(?>x)", "(a)\\1", "a*+", "a++", "a{1001}", "(unclosed", "[a-", "\\Z", "\\h"])
    func refused(pattern: String) { #expect(Self.problem(pattern), "\(pattern)") }
}

enum InterceptValidatorQuote {
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
