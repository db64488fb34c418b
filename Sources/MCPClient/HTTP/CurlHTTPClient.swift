#if os(Linux)
import Foundation
import Glibc

/// Runs one `https://` request through libcurl (`LibCurl`, loaded on first use) on a thread of its own.
/// Like the socket client for `http://`, it waits after each body chunk until the reader has room
/// (`HTTPExchange.waitForRoom`), and libcurl reads nothing meanwhile: a server streaming without end fills
/// its own buffers, not our memory. No redirects are followed (`RemoteHTTP.open` decides on a 3xx), no
/// proxy is used, and only HTTPS is spoken. `SSL_CERT_FILE` and `SSL_CERT_DIR` name other trusted
/// certificates, as they do for OpenSSL.
final class CurlHTTPClient: @unchecked Sendable {
    private let exchange: HTTPExchange
    private let limits: HTTPResponseLimits
    private let lock = NSLock()
    private var cancelled = false
    /// The head being read: status, fields, bytes so far, interim responses skipped.
    private var status: Int?
    private var fields: [String: String] = [:]
    private var fieldCount = 0
    private var headBytes = 0
    private var interim = 0
    private var headSent = false
    /// Why the transfer was stopped from a callback (a head over its limits).
    private var stopReason: MCPError?

    private init(exchange: HTTPExchange, limits: HTTPResponseLimits) {
        self.exchange = exchange; self.limits = limits
    }

    /// Starts `exchange.request` on a new thread; the exchange reports head, bytes and end.
    static func start(_ exchange: HTTPExchange, limits: HTTPResponseLimits = .standard) {
        let curl: LibCurl
        switch LibCurl.shared {
        case .success(let loaded): curl = loaded
        case .failure(let failure):
            exchange.didComplete(error: .connectionFailed(detail: "\(exchange.step): \(failure.detail)"))
            return
        }
        let client = CurlHTTPClient(exchange: exchange, limits: limits)
        exchange.attach { client.cancel() }
        let thread = Thread { client.run(curl) }
        thread.name = "mcprisk-https"
        thread.start()
    }

    private func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    private var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }

    private func run(_ curl: LibCurl) {
        let request = exchange.request
        // The same checks as the socket client: a header that could split the message is not sent.
        do throws(MCPError) { _ = try request.serialized() } catch {
            exchange.didComplete(error: error)
            return
        }
        guard let handle = curl.easyInit() else {
            exchange.didComplete(error: .connectionFailed(detail: "\(exchange.step): libcurl could not make a handle"))
            return
        }
        defer { curl.cleanup(handle) }
        var list: OpaquePointer?
        // `Expect:` empty: no 100-continue round trip before a body.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            list = line.withCString { curl.listAppend(list, $0) } ?? list
        }
        defer { curl.listFree(list) }
        let body = request.body ?? []
        var errorBuffer = [CChar](repeating: 0, count: LibCurl.errorBufferSize)
        // The callbacks' context: this client, alive for the whole of `run` (its thread holds it).
        let me = Unmanaged.passUnretained(self).toOpaque()
        let code: Int32 = body.withUnsafeBytes { bodyBytes in
            errorBuffer.withUnsafeMutableBufferPointer { errors in
                request.url.absoluteString.withCString { url in
                    request.method.withCString { method in
                        typealias O = LibCurl.Option
                        _ = curl.setPointer(handle, O.url, url)
                        _ = curl.setLong(handle, O.protocols, LibCurl.httpsOnly)
                        _ = curl.setLong(handle, O.redirectProtocols, LibCurl.httpsOnly)
                        _ = curl.setLong(handle, O.followLocation, 0)
                        _ = curl.setLong(handle, O.noSignal, 1)
                        _ = "".withCString { curl.setPointer(handle, O.proxy, $0) }
                        _ = curl.setPointer(handle, O.errorBuffer, errors.baseAddress)
                        _ = curl.setPointer(handle, O.httpHeader, list.map { UnsafeRawPointer($0) })
                        let idle = max(1, Int(request.idleTimeout.rounded(.up)))
                        _ = curl.setLong(handle, O.connectTimeout, idle)
                        // An idle timer, as URLSession's was: under 1 byte/s for `idle` seconds ends the transfer.
                        _ = curl.setLong(handle, O.lowSpeedLimit, 1)
                        _ = curl.setLong(handle, O.lowSpeedTime, idle)
                        if let file = ProcessInfo.processInfo.environment["SSL_CERT_FILE"], !file.isEmpty {
                            _ = file.withCString { curl.setPointer(handle, O.caInfo, $0) }
                        }
                        if let dir = ProcessInfo.processInfo.environment["SSL_CERT_DIR"], !dir.isEmpty {
                            _ = dir.withCString { curl.setPointer(handle, O.caPath, $0) }
                        }
                        switch request.method {
                        case "GET": _ = curl.setLong(handle, O.httpGet, 1)
                        default:
                            if request.body != nil || request.method == "POST" {
                                _ = curl.setOffset(handle, O.postFieldSizeLarge, Int64(body.count))
                                // An empty body still needs a non-null pointer (its size, 0, says nothing is read from it).
                                _ = curl.setPointer(handle, O.postFields, bodyBytes.baseAddress ?? UnsafeRawPointer(errors.baseAddress!))
                            }
                            if request.method != "POST" { _ = curl.setPointer(handle, O.customRequest, method) }
                        }
                        _ = curl.setPointer(handle, O.headerFunction, unsafeBitCast(Self.onHeader, to: UnsafeRawPointer.self))
                        _ = curl.setPointer(handle, O.headerData, me)
                        _ = curl.setPointer(handle, O.writeFunction, unsafeBitCast(Self.onBody, to: UnsafeRawPointer.self))
                        _ = curl.setPointer(handle, O.writeData, me)
                        _ = curl.setPointer(handle, O.xferInfoFunction, unsafeBitCast(Self.onProgress, to: UnsafeRawPointer.self))
                        _ = curl.setPointer(handle, O.xferInfoData, me)
                        _ = curl.setLong(handle, O.noProgress, 0)
                        return curl.perform(handle)
                    }
                }
            }
        }
        if code == 0 {
            exchange.didComplete(error: nil)
        } else if let stopReason {
            exchange.didComplete(error: stopReason)
        } else if !isCancelled {
            // libcurl's own words for this transfer, else its text for the code.
            let written = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let detail = written.isEmpty ? curl.errorText(code).map { String(cString: $0) } ?? "" : written
            exchange.didComplete(error: CurlErrorMapping.map(code: code, detail: detail, url: request.url, step: exchange.step,
                                                             idleTimeout: request.idleTimeout))
        }
    }

    // MARK: Callbacks (libcurl's thread)

    private static let onHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, me in
        guard let data, let me else { return 0 }
        let client = Unmanaged<CurlHTTPClient>.fromOpaque(me).takeUnretainedValue()
        let length = size * count
        return client.header(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }

    private static let onBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, me in
        guard let data, let me else { return 0 }
        let client = Unmanaged<CurlHTTPClient>.fromOpaque(me).takeUnretainedValue()
        let length = size * count
        return client.body(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }

    private static let onProgress: @convention(c) (UnsafeMutableRawPointer?, Int64, Int64, Int64, Int64) -> Int32 = { me, _, _, _, _ in
        guard let me else { return 1 }
        // Non-zero aborts the transfer: how a cancelled exchange stops libcurl.
        return Unmanaged<CurlHTTPClient>.fromOpaque(me).takeUnretainedValue().isCancelled ? 1 : 0
    }

    /// One line of a response head (status line, field, or the blank line that ends it); false stops the transfer.
    private func header(_ line: UnsafeRawBufferPointer) -> Bool {
        headBytes += line.count
        guard headBytes <= limits.maxHeadBytes else {
            return stop(.limitExceeded(step: exchange.step, detail: "the response head exceeded \(limits.maxHeadBytes) bytes"))
        }
        // The line ending is cut as bytes ("\r\n" is one Character in a String).
        var end = line.count
        while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<end]), as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            // A new response: the status line (HTTP/1.1 200 OK, HTTP/2 200).
            let parts = text.split(separator: " ", maxSplits: 2)
            status = parts.count >= 2 ? Int(parts[1]) : nil
            fields = [:]; fieldCount = 0
            return status != nil || stop(.protocolViolation(step: exchange.step, detail: "the server sent an invalid HTTP status line"))
        }
        if text.isEmpty {
            guard let code = status else { return true }
            if (100..<200).contains(code) {
                interim += 1
                return interim <= limits.maxInterimResponses
                    || stop(.protocolViolation(step: exchange.step, detail: "more than \(limits.maxInterimResponses) interim responses"))
            }
            headSent = true
            exchange.didReceive(head: HTTPResponseHead(status: code, headers: fields, url: exchange.request.url))
            return true
        }
        guard let colon = text.firstIndex(of: ":") else { return true }
        fieldCount += 1
        guard fieldCount <= limits.maxHeaderFields else {
            return stop(.limitExceeded(step: exchange.step, detail: "the response head has more than \(limits.maxHeaderFields) fields"))
        }
        let name = text[..<colon].lowercased()
        let value = String(text[text.index(after: colon)...]).trimmingHTTPWhitespace()
        fields[name] = fields[name].map { $0 + ", " + value } ?? value
        return true
    }

    /// Body bytes; waits for the reader's room, false once the exchange has ended.
    private func body(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard headSent, !isCancelled else { return false }
        exchange.didReceive(bytes: Array(bytes))
        return exchange.waitForRoom()
    }

    private func stop(_ reason: MCPError) -> Bool {
        stopReason = reason
        return false
    }
}

/// Turns libcurl's result codes into `MCPError` cases with plain words (the same words the socket client
/// uses for the same failures).
enum CurlErrorMapping {
    static func map(code: Int32, detail: String, url: URL, step: String, idleTimeout: Double) -> MCPError {
        let origin = HTTPOrigin(url)
        let host = "\(origin.host):\(origin.port)"
        switch code {
        case 6:  // CURLE_COULDNT_RESOLVE_HOST
            return .connectionFailed(detail: "DNS lookup failed for \(url.host ?? "the host")")
        case 7:  // CURLE_COULDNT_CONNECT
            return .connectionFailed(detail: "could not connect to \(host) (connection refused or unreachable)")
        case 28:  // CURLE_OPERATION_TIMEDOUT
            return .timeout(step: "\(step) (the connection to \(host) went idle)", seconds: idleTimeout, stderrTail: "")
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91:  // TLS: handshake, certificate, engine, CA file
            return .connectionFailed(detail: "TLS handshake with \(host) failed (\(detail))")
        case 52, 55, 56:  // CURLE_GOT_NOTHING, SEND_ERROR, RECV_ERROR
            return .connectionFailed(detail: "the connection to \(host) was lost during \(step) (\(detail))")
        case 1, 3:  // CURLE_UNSUPPORTED_PROTOCOL, URL_MALFORMAT
            return .invalidTarget("not a valid https URL: \(RemoteRedaction.url(url.absoluteString)) (\(detail))")
        case 8, 16:  // CURLE_WEIRD_SERVER_REPLY, HTTP2
            return .protocolViolation(step: step, detail: "the server at \(host) sent an invalid HTTP response (\(detail))")
        default:
            return .connectionFailed(detail: "\(step) to \(host) failed (curl \(code): \(detail))")
        }
    }
}
#endif
