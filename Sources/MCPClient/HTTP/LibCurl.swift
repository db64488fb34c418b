#if os(Linux)
import Glibc

/// libcurl's easy interface, loaded with `dlopen` the first time an `https://` server is reached. The
/// binary does not link libcurl: an offline scan, or one of a local server, never maps it and the 29
/// libraries it brings (OpenSSL, GnuTLS, Kerberos, LDAP…), and runs where libcurl is not installed.
struct LibCurl: @unchecked Sendable {
    /// A `CURL *` handle.
    typealias Handle = OpaquePointer
    /// `curl_easy_setopt` for an option that takes a `long`.
    let setLong: @convention(c) (Handle?, Int32, Int) -> Int32
    /// `curl_easy_setopt` for an option that takes a pointer (a string, a list, a callback, user data).
    let setPointer: @convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32
    /// `curl_easy_setopt` for an option that takes a `curl_off_t`.
    let setOffset: @convention(c) (Handle?, Int32, Int64) -> Int32
    let easyInit: @convention(c) () -> Handle?
    let perform: @convention(c) (Handle?) -> Int32
    let cleanup: @convention(c) (Handle?) -> Void
    let errorText: @convention(c) (Int32) -> UnsafePointer<CChar>?
    let listAppend: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let listFree: @convention(c) (OpaquePointer?) -> Void

    /// libcurl as loaded once per process, or why it could not be.
    static let shared: Result<LibCurl, LoadFailure> = load()

    /// Why libcurl is not there.
    struct LoadFailure: Error, Sendable {
        let detail: String
    }

    /// The library names tried, in order.
    static let libraryNames = ["libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4"]

    private static func load() -> Result<LibCurl, LoadFailure> {
        guard let library = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(LoadFailure(detail: "https:// needs libcurl (libcurl.so.4), which could not be loaded: \(reason)"))
        }
        func symbol<T>(_ name: String, as: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: T.self) }
        }
        // `curl_easy_setopt` takes its value through `...`: on the Linux ABIs (x86-64, AArch64) a `long`, a
        // `curl_off_t` or a pointer passed as a fixed argument lands where the callee's `va_arg` reads it.
        guard let global = symbol("curl_global_init", as: (@convention(c) (Int) -> Int32).self),
              let setopt = dlsym(library, "curl_easy_setopt"),
              let easyInit = symbol("curl_easy_init", as: (@convention(c) () -> Handle?).self),
              let perform = symbol("curl_easy_perform", as: (@convention(c) (Handle?) -> Int32).self),
              let cleanup = symbol("curl_easy_cleanup", as: (@convention(c) (Handle?) -> Void).self),
              let errorText = symbol("curl_easy_strerror", as: (@convention(c) (Int32) -> UnsafePointer<CChar>?).self),
              let listAppend = symbol("curl_slist_append", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?).self),
              let listFree = symbol("curl_slist_free_all", as: (@convention(c) (OpaquePointer?) -> Void).self) else {
            return .failure(LoadFailure(detail: "https:// needs libcurl, but the libcurl found lacks the easy interface"))
        }
        // CURL_GLOBAL_DEFAULT (SSL | WIN32), once, before any other thread uses libcurl.
        guard global(3) == 0 else { return .failure(LoadFailure(detail: "libcurl failed to initialise (curl_global_init)")) }
        return .success(LibCurl(setLong: unsafeBitCast(setopt, to: (@convention(c) (Handle?, Int32, Int) -> Int32).self),
                                setPointer: unsafeBitCast(setopt, to: (@convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32).self),
                                setOffset: unsafeBitCast(setopt, to: (@convention(c) (Handle?, Int32, Int64) -> Int32).self),
                                easyInit: easyInit, perform: perform, cleanup: cleanup, errorText: errorText,
                                listAppend: listAppend, listFree: listFree))
    }

    /// The `CURLOPT_*` numbers used (curl.h: a type base plus the option's number).
    enum Option {
        static let writeData: Int32 = 10_001, url: Int32 = 10_002, proxy: Int32 = 10_004, errorBuffer: Int32 = 10_010
        static let postFields: Int32 = 10_015, httpHeader: Int32 = 10_023, headerData: Int32 = 10_029
        static let customRequest: Int32 = 10_036, xferInfoData: Int32 = 10_057, caInfo: Int32 = 10_065, caPath: Int32 = 10_097
        static let writeFunction: Int32 = 20_011, headerFunction: Int32 = 20_079, xferInfoFunction: Int32 = 20_219
        static let postFieldSizeLarge: Int32 = 30_120
        static let lowSpeedLimit: Int32 = 19, lowSpeedTime: Int32 = 20, noProgress: Int32 = 43, followLocation: Int32 = 52
        static let connectTimeout: Int32 = 78, httpGet: Int32 = 80, noSignal: Int32 = 99
        static let protocols: Int32 = 181, redirectProtocols: Int32 = 182
    }

    /// `CURLPROTO_HTTPS`.
    static let httpsOnly = 2
    /// `CURL_ERROR_SIZE`.
    static let errorBufferSize = 256
}
#endif
