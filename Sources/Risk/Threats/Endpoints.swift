/// Places data can be sent to, found in folded text: URLs, e-mail addresses, bare domain names and IPv4
/// addresses, each classed by what it is (a loopback or documentation address, a collector, a raw
/// public IP, or another host).
enum Endpoints {
    /// What an endpoint is.
    enum Kind: Int, Comparable, Sendable {
        /// Loopback, private, link-local or documentation addresses; `example.com` and reserved names.
        case benign
        /// Another host.
        case host
        /// An e-mail address.
        case email
        /// A phone number in international form (`+34 612 345 678`): where a text or a call goes.
        case phone
        /// A public IPv4 address given as a literal.
        case rawIP
        /// A request bin, tunnel, paste site, chat webhook or out-of-band testing domain.
        case collector

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// One endpoint: its folded byte range, host and kind.
    struct Endpoint: Sendable, Hashable {
        let range: Range<Int>
        let host: String
        let kind: Kind
    }

    /// Top-level domains that make a dotted word a host name (not `mcp.json`, `bootstrap.sh`).
    static let topLevelDomains: Set<String> = [
        "com", "net", "org", "io", "co", "cn", "ru", "de", "fr", "it", "es", "pt", "br", "jp", "kr", "uk", "us", "xyz", "top", "app",
        "dev", "me", "info", "biz", "cc", "tk", "ml", "ga", "cf", "gq", "site", "online", "live", "fun", "pro", "ly", "gg", "ai", "link",
        "click", "tech", "cloud", "store", "shop", "eu", "in", "nl", "pl", "tv", "ws", "su", "icu", "buzz", "work", "page", "run",
    ]

    /// Every endpoint in `folded`, by position.
    static func find(in folded: [UInt8]) -> [Endpoint] {
        var out: [Endpoint] = []
        folded.withUnsafeBufferPointer { f in
            var i = 0
            let n = f.count
            while i < n {
                let b = f[i]
                if b == 0x2B, let end = phoneEnd(f, i) {
                    out.append(Endpoint(range: i..<end, host: String(decoding: f[i..<end].filter { $0 == 0x2B || ($0 >= 0x30 && $0 <= 0x39) }, as: UTF8.self), kind: .phone))
                    i = end
                    continue
                }
                // Only a byte that may start a host, URL or address starts a look.
                guard isHostByte(b), i == 0 || !isHostByte(f[i - 1]) && f[i - 1] != 0x40 else { i += 1; continue }
                var end = i
                var dotted = false
                while end < n && (isHostByte(f[end]) || f[end] == 0x40) {
                    if f[end] == 0x2E || f[end] == 0x40 { dotted = true }
                    end += 1
                }
                let isURL = end + 2 < n && f[end] == 0x3A && f[end + 1] == 0x2F && f[end + 2] == 0x2F
                // Most words are neither dotted nor a scheme: nothing is built for them. A name inside a glob
                // (`url="*pastebin.com/raw*"`, `*.ngrok.io`) is a pattern to match, not an address.
                guard dotted || isURL, i == 0 || f[i - 1] != 0x2A else { i = end; continue }
                // A plain word whose only dots end or start it (`files.` closing a sentence) is no address:
                // nothing is built for it either.
                if !isURL, !f[i..<end].contains(0x40) {
                    var lo = i, hi = end
                    while hi > lo, f[hi - 1] == 0x2E { hi -= 1 }
                    while lo < hi, f[lo] == 0x2E { lo += 1 }
                    guard f[lo..<hi].contains(0x2E) else { i = end; continue }
                }
                let token = Array(f[i..<end])
                var consumed = end
                if isURL, token.allSatisfy(isLetter), isNetworkScheme(token) {
                    // scheme://host/path
                    var h = end + 3
                    while h < n, f[h] != 0x2F, f[h] != 0x20, f[h] != 0x0A, f[h] != 0x3F, f[h] != 0x23, f[h] != 0x60, f[h] != 0x22, f[h] != 0x27, f[h] != 0x29, f[h] < 0x80 { h += 1 }
                    var authority = Array(f[(end + 3)..<h])
                    if let at = authority.lastIndex(of: 0x40) { authority = Array(authority[(at + 1)...]) }
                    if let colon = authority.firstIndex(of: 0x3A) { authority = Array(authority[..<colon]) }
                    var stop = h
                    while stop < n, f[stop] != 0x20, f[stop] != 0x0A, f[stop] != 0x60, f[stop] != 0x22, f[stop] != 0x27, f[stop] < 0x80 { stop += 1 }
                    let host = String(decoding: authority, as: UTF8.self).trimmingDots
                    // A host has a letter or digit and a dot (`…` and `{host}` placeholders are not hosts).
                    if host.contains("."), host.utf8.contains(where: { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }) { out.append(Endpoint(range: i..<stop, host: host, kind: classify(host: host, path: Array(f[h..<stop])))) }
                    consumed = stop
                } else if let at = token.firstIndex(of: 0x40), at > 0, at < token.count - 1 {
                    let domain = String(decoding: token[(at + 1)...], as: UTF8.self).trimmingDots
                    if isDomain(domain) {
                        let kind = classify(host: domain, path: [])
                        out.append(Endpoint(range: i..<(i + token.count), host: domain, kind: kind == .benign ? .benign : max(kind, .email)))
                    }
                } else {
                    let word = String(decoding: token, as: UTF8.self).trimmingDots
                    if isIPv4(word) || isDomain(word) || isCollectorHost(word) {
                        out.append(Endpoint(range: i..<(i + word.utf8.count), host: word, kind: classify(host: word, path: [])))
                    }
                }
                i = max(consumed, i + 1)
            }
        }
        return out
    }

    /// The end of the international phone number starting with the `+` at `i`: digits in groups split by
    /// spaces, `-`, `.` or brackets, 9 to 15 digits in all; nil when there is none (`a+b`, `+1`, `C++`).
    static func phoneEnd(_ f: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i + 1 < f.count, f[i + 1] >= 0x30 && f[i + 1] <= 0x39, i == 0 || !isHostByte(f[i - 1]) else { return nil }
        var j = i + 1, digits = 0, last = i + 1
        while j < f.count, j - i <= 24 {
            let c = f[j]
            if c >= 0x30 && c <= 0x39 { digits += 1; last = j + 1 } else if !(c == 0x20 || c == 0x2D || c == 0x2E || c == 0x28 || c == 0x29) { break }
            j += 1
        }
        // A number runs into a word or another digit group past its length: not a phone number.
        guard digits >= 9, digits <= 15, last == f.count || !isLetter(f[last]) else { return nil }
        return last
    }

    /// The kind of `host` (folded), with the URL path after it.
    static func classify(host: String, path: [UInt8]) -> Kind {
        if isIPv4(host) { return isPublicIPv4(host) ? .rawIP : .benign }
        let labels = host.split(separator: ".")
        if host == "localhost" || labels.last.map({ ["local", "localhost", "internal", "test", "example", "invalid", "lan", "home"].contains(String($0)) }) == true
            || labels.suffix(2).joined(separator: ".").hasPrefix("example.") {
            return .benign
        }
        if isCollectorHost(host) { return .collector }
        let full = host + String(decoding: path, as: UTF8.self)
        if otherCollectors.contains(where: { full.contains($0) }) { return .collector }
        return .host
    }

    /// True for a dotted name ending in a known top-level domain, with labels of host characters.
    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, topLevelDomains.contains(String(tld)) else { return false }
        return labels.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D } }
    }

    /// True for a host under a collector's domain whatever its top-level domain (`k3v9.interact.sh`): its
    /// last two labels are a collector's domain (one set lookup: most dotted words are file names).
    static func isCollectorHost(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let last = utf8.lastIndex(of: 0x2E) else { return false }
        let start = utf8[..<last].lastIndex(of: 0x2E).map { utf8.index(after: $0) } ?? utf8.startIndex
        return collectorDomains.contains(String(text[start...]))
    }

    /// The collectors that are a domain of two labels (`interact.sh`, `bore.pub`), not a path.
    static let collectorDomains: Set<String> = Set(ThreatNeedles.collectors.filter { !$0.contains("/") && $0.split(separator: ".").count == 2 })
    /// The other collectors (`requestbin`, `hooks.slack.com/services`), looked for anywhere in the host and path.
    static let otherCollectors = ThreatNeedles.collectors.filter { !collectorDomains.contains($0) }

    /// True for a dotted-quad IPv4 address.
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in p.count <= 3 && !p.isEmpty && p.allSatisfy(\.isASCIIDigitCharacter) && (Int(p) ?? 256) <= 255 }
    }

    /// True for an address outside loopback, private, link-local, shared and documentation ranges, and not
    /// shaped like a placeholder: a counting run (`1.2.3.4`, `5.6.7.8`) or one number four times (`1.1.1.1`,
    /// `8.8.8.8`, public resolvers no one collects data on) is what documentation writes for "an address".
    static func isPublicIPv4(_ text: String) -> Bool {
        let p = text.split(separator: ".").compactMap { Int($0) }
        guard p.count == 4 else { return false }
        if (p[1] == p[0] + 1 && p[2] == p[0] + 2 && p[3] == p[0] + 3) || (p[1] == p[0] && p[2] == p[0] && p[3] == p[0]) { return false }
        switch (p[0], p[1], p[2]) {
        case (0, _, _), (10, _, _), (127, _, _), (169, 254, _), (192, 168, _), (192, 0, 2), (198, 51, 100), (203, 0, 113), (255, _, _): return false
        case (172, 16...31, _), (100, 64...127, _), (198, 18...19, _): return false
        default: return p[0] < 224
        }
    }

    /// Schemes that reach a network host (not `memo://`, `file://`, `docs://`).
    static func isNetworkScheme(_ scheme: [UInt8]) -> Bool {
        ["http", "https", "ftp", "ftps", "ws", "wss", "sftp"].contains(String(decoding: scheme, as: UTF8.self).lowercased())
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
    /// A byte of a host name, address or URL scheme (letters, digits, `.`, `-`, `_`).
    @inline(__always) static func isHostByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2B
    }
}

extension String {
    /// The string without leading or trailing dots (a sentence's full stop after a host name).
    var trimmingDots: String {
        var s = Substring(self)
        while s.hasSuffix(".") { s = s.dropLast() }
        while s.hasPrefix(".") { s = s.dropFirst() }
        return String(s)
    }
}

extension Character {
    /// An ASCII digit.
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
