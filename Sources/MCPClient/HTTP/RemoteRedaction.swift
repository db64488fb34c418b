import Foundation

/// Keeps secrets out of everything we show: URLs lose userinfo and secret-looking query values,
/// headers show names only, and server text is scrubbed of any secret we sent.
public enum RemoteRedaction {
    /// What replaces a secret.
    public static let mask = "***"

    /// `url [Name: ***; Other: ***]`, header values never shown.
    public static func redactedTarget(url: String, headers: [HeaderSpec]) -> String {
        let shown = self.url(url)
        guard !headers.isEmpty else { return shown }
        return shown + " [" + headers.map { "\($0.name.visibleEscaped(limit: 80)): \(mask)" }.joined(separator: "; ") + "]"
    }

    /// The URL with userinfo replaced by `***`, secret-looking query values masked, and no fragment.
    /// Text that does not parse as a URL is shown with everything after the host masked.
    public static func url(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.host != nil else {
            return fallbackMask(text)
        }
        // Some hosted servers put the key in the path (…/mcp/sk-ak-XXXX/sse): mask token-like segments.
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { looksLikeToken(String($0)) }) {
            components.percentEncodedPath = segments.map { looksLikeToken(String($0)) ? mask : String($0) }.joined(separator: "/")
        }
        if components.user != nil || components.password != nil {
            components.user = nil; components.password = nil
            components.fragment = nil
            components.queryItems = components.queryItems.map(redactQuery)
            guard let rest = components.string, let scheme = components.scheme,
                  let afterScheme = rest.range(of: "://") else { return fallbackMask(text) }
            return "\(scheme)://\(mask)@" + rest[afterScheme.upperBound...]
        }
        components.fragment = nil
        components.queryItems = components.queryItems.map(redactQuery)
        return components.string.map { $0.visibleEscaped(limit: 400) } ?? fallbackMask(text)
    }

    private static func redactQuery(_ items: [URLQueryItem]) -> [URLQueryItem] {
        items.map { item in
            guard let value = item.value, !value.isEmpty else { return item }
            if isSecretName(item.name) || looksLikeToken(value) { return URLQueryItem(name: item.name, value: mask) }
            return item
        }
    }

    /// Query parameter names that usually carry credentials.
    static func isSecretName(_ name: String) -> Bool {
        let n = name.lowercased().replacingOccurrences(of: "-", with: "_")
        let words = ["token", "key", "secret", "password", "passwd", "pwd", "auth", "sig", "signature",
                     "credential", "session", "code", "jwt", "bearer", "access", "private", "otp"]
        return words.contains { n.contains($0) }
    }

    /// A long run of letters and digits (both present) is probably a token whatever its name.
    static func looksLikeToken(_ value: String) -> Bool {
        guard value.count >= 20 else { return false }
        let scalars = value.unicodeScalars
        let hasDigit = scalars.contains { ("0"..."9").contains($0) }
        let hasLetter = scalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        let tokenish = scalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || "-_.~+/=".unicodeScalars.contains($0) }
        return hasDigit && hasLetter && tokenish
    }

    private static func fallbackMask(_ text: String) -> String {
        if let schemeEnd = text.range(of: "://") {
            return String(text[..<schemeEnd.upperBound]).visibleEscaped(limit: 20) + mask
        }
        return mask
    }

    /// `text` with every occurrence of a secret value replaced by `***`.
    static func scrub(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: mask)
        }
        return out
    }
}
