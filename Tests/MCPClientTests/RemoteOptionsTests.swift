import Foundation
import Testing
@testable import MCPClient

@Suite struct RemoteOptionsTests {
    let env = ["TOKEN": "s3cr3t-token-value", "EMPTY": "", "USER_ID": "42"]

    @Test func parsesNameAndValueWithExpansion() throws {
        let h = try HeaderSpec.parse("Authorization:  Bearer ${TOKEN} ", environment: env)
        #expect(h == HeaderSpec(name: "Authorization", value: "Bearer s3cr3t-token-value"))
        #expect(try HeaderSpec.parse("X-User: u-${USER_ID}-$HOME-${MISSING:-none}", environment: env).value == "u-42-$HOME-none")
        #expect(try HeaderSpec.parse("X-Empty: ${EMPTY:-fallback}", environment: env).value == "fallback")
        #expect(try HeaderSpec.parse("X-Empty: [${EMPTY}]", environment: env).value == "[]")
        #expect(try HeaderSpec.parse("X-Colon: a:b:c", environment: env).value == "a:b:c")
    }

    @Test func errorsNameTheProblemButNeverTheValue() {
        func message(_ spec: String) -> String {
            do { _ = try HeaderSpec.parse(spec, environment: env); return "no error" } catch { return error.description }
        }
        #expect(message("Authorization Bearer abcdef").contains("no ':'"))
        #expect(!message("Authorization Bearer abcdef").contains("abcdef"))
        #expect(message(": value").contains("empty name"))
        #expect(message("Bad Name: v").contains("'Bad Name'"))
        #expect(message("X-Key: ${NOT_SET_ANYWHERE}").contains("NOT_SET_ANYWHERE is not set"))
        #expect(message("X-Key: ${OPEN").contains("without a closing"))
        #expect(message("X-Key: ${1BAD}").contains("not a valid variable name"))
        #expect(message("X-Key: a${TOKEN}\u{0}").contains("control character"))
        #expect(!message("X-Key: secretvalue\u{7}").contains("secretvalue"))
    }

    @Test func optionsFromCommandLineText() throws {
        let o = try RemoteOptions.parse(url: "https://api.example.com/mcp", headerSpecs: ["X-Api-Key: ${TOKEN}"],
                                        bearerTokenEnv: "TOKEN", environment: env)
        #expect(o.bearerToken == "s3cr3t-token-value")
        #expect(o.maxBodyBytes == 32 << 20 && o.maxRedirects == 5)
        #expect(throws: MCPError.self) { _ = try RemoteOptions.parse(url: "ftp://x/mcp", environment: env) }
        #expect(throws: MCPError.self) { _ = try RemoteOptions.parse(url: "https:///nohost", environment: env) }
        #expect(throws: MCPError.self) { _ = try RemoteOptions.parse(url: "https://x/mcp", bearerTokenEnv: "NOPE", environment: env) }
        #expect(try RemoteOptions.parse(url: "https://x/mcp", bearerToken: "${TOKEN}", environment: env).bearerToken == "s3cr3t-token-value")
    }

    @Test func redactedTargetShowsNoSecret() throws {
        let o = try RemoteOptions.parse(
            url: "https://alice:pa55word@api.example.com/mcp?api_key=k-123&region=eu&t=abcdefghij0123456789xyz#frag",
            headerSpecs: ["X-Api-Key: ${TOKEN}"], bearerToken: "tok-abcdef", environment: env)
        let shown = o.redactedTarget
        for secret in ["s3cr3t", "pa55word", "alice", "k-123", "abcdefghij0123456789xyz", "tok-abcdef", "frag"] {
            #expect(!shown.contains(secret), "\(secret) leaked into \(shown)")
        }
        #expect(shown.contains("api.example.com/mcp"))
        #expect(shown.contains("region=eu"))
        #expect(shown.contains("X-Api-Key: ***"))
        #expect(shown.contains("Authorization: ***"))
        #expect(redactedTarget(url: "http://127.0.0.1:8/mcp", headers: []) == "http://127.0.0.1:8/mcp")
        #expect(RemoteRedaction.url("https://actions.example.com/mcp/sk-ak-4f9a8b7c6d5e4f3a2b1c/sse") == "https://actions.example.com/mcp/***/sse")
        #expect(RemoteRedaction.url("https://h/messages?sessionId=abc") == "https://h/messages?sessionId=***")
        #expect(RemoteRedaction.url("not a url") == "***")
    }

    @Test func scrubRemovesEchoedSecrets() throws {
        let o = try RemoteOptions.parse(url: "https://h/mcp", headerSpecs: ["Authorization: Bearer ${TOKEN}"], environment: env)
        let text = RemoteRedaction.scrub("bad token s3cr3t-token-value given", secrets: o.secretValues)
        #expect(text == "bad token *** given")
    }

    @Test func wwwAuthenticateIsParsed() {
        let c = AuthChallenge(header: #"Bearer realm="mcp", error="invalid_token", error_description="The \"token\" expired", resource_metadata="https://h/.well-known/oauth-protected-resource", scope="read write""#)
        #expect(c.scheme == "Bearer")
        #expect(c.parameter("realm") == "mcp")
        #expect(c.parameter("error_description") == #"The "token" expired"#)
        #expect(c.parameter("scope") == "read write")
        #expect(c.parameter("resource_metadata") == "https://h/.well-known/oauth-protected-resource")
        #expect(AuthChallenge(header: "Basic").scheme == "Basic")
        #expect(AuthChallenge(header: nil).scheme == nil)
    }

    #if os(Linux)
    @Test func curlErrorsMapToClearKinds() {
        let url = URL(string: "https://example.test:8443/mcp")!
        func map(_ code: Int32) -> MCPError { CurlErrorMapping.map(code: code, detail: "libcurl's words", url: url, step: "POST initialize", idleTimeout: 30) }
        #expect(map(7).description.contains("could not connect to example.test:8443"))
        #expect(map(6).description.contains("DNS lookup failed for example.test"))
        #expect(map(6).kind == "connection-failed")
        #expect(map(35).description.contains("TLS handshake with example.test:8443 failed (libcurl's words)"))
        #expect(map(60).description.contains("TLS handshake"))
        #expect(map(28).kind == "timeout")
        #expect(map(56).description.contains("lost during POST initialize"))
        #expect(map(8).kind == "protocol-violation")
        #expect(map(99).description.contains("curl 99: libcurl's words"))
    }
    #else
    @Test func urlErrorsMapToClearKinds() {
        let url = URL(string: "https://example.test:8443/mcp")
        func map(_ code: URLError.Code) -> MCPError { HTTPErrorMapping.map(URLError(code), url: url, step: "POST initialize") }
        #expect(map(.cannotConnectToHost).description.contains("could not connect to example.test:8443"))
        #expect(map(.cannotFindHost).description.contains("DNS lookup failed for example.test"))
        #expect(map(.dnsLookupFailed).kind == "connection-failed")
        #expect(map(.secureConnectionFailed).description.contains("TLS handshake"))
        #expect(map(.serverCertificateUntrusted).description.contains("TLS handshake"))
        #expect(map(.timedOut).kind == "timeout")
        #expect(map(.networkConnectionLost).description.contains("lost"))
    }
    #endif

    @Test func modernHeaderValuesAreEncodedWhenNotPlain() {
        #expect(StreamableHTTPTransport.headerSafe("tools/list") == "tools/list")
        #expect(StreamableHTTPTransport.headerSafe("héllo") == "=?base64?aMOpbGxv?=")
        #expect(StreamableHTTPTransport.headerSafe(" padded") .hasPrefix("=?base64?"))
    }
}
