#if !os(Linux)
import Foundation

/// Runs `https://` requests on macOS, on one URLSession with a data delegate, so bodies stream in as they
/// arrive (Linux uses libcurl directly, `CurlHTTPClient`). Memory is bounded by the exchange's body limit.
final class URLSessionHTTPClient: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var exchanges: [Int: HTTPExchange] = [:]
    private var session: URLSession?
    private let delegateQueue: OperationQueue

    override init() {
        delegateQueue = OperationQueue()
        delegateQueue.maxConcurrentOperationCount = 1
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.connectionProxyDictionary = [:]
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: delegateQueue)
    }

    /// Starts the exchange's request.
    func start(_ exchange: HTTPExchange) {
        lock.lock()
        guard let session else {
            lock.unlock()
            exchange.didComplete(error: .connectionFailed(detail: "the HTTP client was already closed"))
            return
        }
        let task = session.dataTask(with: exchange.request.urlRequest)
        exchanges[task.taskIdentifier] = exchange
        lock.unlock()
        exchange.attach { [weak task] in task?.cancel() }
        task.resume()
    }

    /// Cancels everything and releases the session (URLSession keeps its delegate until invalidated).
    func shutdown() {
        lock.lock()
        let s = session
        session = nil
        let all = Array(exchanges.values)
        exchanges = [:]
        lock.unlock()
        for e in all { e.cancel() }
        s?.invalidateAndCancel()
    }

    private func exchange(for task: URLSessionTask) -> HTTPExchange? {
        lock.lock(); defer { lock.unlock() }
        return exchanges[task.taskIdentifier]
    }

    // MARK: URLSessionDataDelegate

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse, let e = exchange(for: dataTask) {
            var headers: [String: String] = [:]
            for (k, v) in http.allHeaderFields {
                guard let name = k as? String, let value = v as? String else { continue }
                let key = name.lowercased()
                headers[key] = headers[key].map { $0 + ", " + value } ?? value
            }
            e.didReceive(head: HTTPResponseHead(status: http.statusCode, headers: headers, url: http.url))
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        exchange(for: dataTask)?.didReceive(bytes: [UInt8](data))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        let e = exchanges.removeValue(forKey: task.taskIdentifier)
        lock.unlock()
        guard let e else { return }
        e.didComplete(error: error.map { HTTPErrorMapping.map($0, url: e.request.url, step: e.step, exchange: e) })
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)  // the 3xx head reaches us and RemoteHTTP.open decides
    }
}

/// Turns URLSession failures into `MCPError` cases with plain words.
enum HTTPErrorMapping {
    static func map(_ error: Error, url: URL?, step: String, exchange: HTTPExchange? = nil) -> MCPError {
        let host = url.map { HTTPOrigin($0) }.map { "\($0.host):\($0.port)" } ?? "the server"
        guard let urlError = error as? URLError else {
            return .connectionFailed(detail: "\(step): \(error.localizedDescription)")
        }
        switch urlError.code {
        case .cannotConnectToHost:
            return .connectionFailed(detail: "could not connect to \(host) (connection refused or unreachable)")
        case .cannotFindHost, .dnsLookupFailed:
            return .connectionFailed(detail: "DNS lookup failed for \(url?.host ?? "the host")")
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired:
            return .connectionFailed(detail: "TLS handshake with \(host) failed (\(urlError.code.rawValue): \(urlError.localizedDescription))")
        case .timedOut:
            return .timeout(step: "\(step) (the connection to \(host) went idle)", seconds: exchange?.request.idleTimeout ?? 0, stderrTail: "")
        case .networkConnectionLost:
            return .connectionFailed(detail: "the connection to \(host) was lost during \(step)")
        case .notConnectedToInternet:
            return .connectionFailed(detail: "no network route to \(host)")
        case .httpTooManyRedirects:
            return .httpError(status: 310, detail: "\(step): too many redirects")
        case .badServerResponse, .cannotParseResponse:
            return .protocolViolation(step: step, detail: "the server at \(host) sent an invalid HTTP response")
        case .cancelled:
            return .connectionFailed(detail: "\(step) was cancelled")
        default:
            // Linux URLSession reports libcurl's TLS errors as code -1 with OpenSSL's text.
            let text = urlError.localizedDescription
            if ["SSL", "TLS", "certificate"].contains(where: { text.range(of: $0, options: .caseInsensitive) != nil }) {
                return .connectionFailed(detail: "TLS handshake with \(host) failed (\(text))")
            }
            return .connectionFailed(detail: "\(step) to \(host) failed (\(urlError.code.rawValue): \(urlError.localizedDescription))")
        }
    }
}
#endif
