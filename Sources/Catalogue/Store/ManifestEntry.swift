import JSON

/// One server in the catalogue: a stable id, a display name, and how to start or reach it. Secrets
/// never live here: only the names of environment variables and headers, whose values the refresh
/// takes from its own environment.
public struct ManifestEntry: Sendable, Hashable {
    /// How the server is reached.
    public enum Launch: Sendable, Hashable {
        /// A child process speaking MCP over stdio; `envNames` are passed through from the refresh's environment.
        case stdio(command: String, args: [String], envNames: [String])
        /// A remote server; each header's value comes from the environment variable `headerEnvironmentName(_:)`.
        case remote(url: String, headerNames: [String])
    }

    /// Stable id: lowercase letters, digits, `.`, `_`, `-`; also the folder name under `servers/`.
    public var id: String
    /// Display name.
    public var name: String
    /// How to start or reach it.
    public var launch: Launch
    /// The package the server comes from (e.g. `mcp-server-time` on PyPI), if any.
    public var package: String?
    /// The package version pinned for the catalogue, if any.
    public var version: String?
    /// Free-form labels for filtering.
    public var tags: [String]

    /// An entry from its parts.
    public init(id: String, name: String, launch: Launch, package: String? = nil, version: String? = nil, tags: [String] = []) {
        self.id = id; self.name = name; self.launch = launch; self.package = package; self.version = version; self.tags = tags
    }

    /// The environment variable that holds the value of header `name`: `MCPRISK_HEADER_` + the name
    /// upper-cased with `-` as `_` (e.g. `Authorization` → `MCPRISK_HEADER_AUTHORIZATION`).
    public static func headerEnvironmentName(_ name: String) -> String {
        "MCPRISK_HEADER_" + String(name.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// A display form of how the server is reached (no secret values: only names).
    public var targetDescription: String {
        switch launch {
        case .stdio(let command, let args, _): ([command] + args).map(Self.quoteIfNeeded).joined(separator: " ")
        case .remote(let url, _): url
        }
    }

    private static func quoteIfNeeded(_ word: String) -> String {
        word.isEmpty || word.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
    }

    /// True when `id` is usable as a catalogue id (and so as a folder name).
    public static func isValidId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 100 else { return false }
        func ok(_ u: Unicode.Scalar, first: Bool) -> Bool {
            (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || (!first && (u == "." || u == "_" || u == "-"))
        }
        return ok(first, first: true) && id.unicodeScalars.dropFirst().allSatisfy { ok($0, first: false) }
    }

    /// The manifest JSON form.
    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["name"] = .string(name)
        switch launch {
        case .stdio(let command, let args, let envNames):
            o["command"] = .string(command)
            o["args"] = .array(args.map { .string($0) })
            if !envNames.isEmpty { o["envNames"] = .array(envNames.map { .string($0) }) }
        case .remote(let url, let headerNames):
            o["url"] = .string(url)
            if !headerNames.isEmpty { o["headerNames"] = .array(headerNames.map { .string($0) }) }
        }
        if let package { o["package"] = .string(package) }
        if let version { o["version"] = .string(version) }
        if !tags.isEmpty { o["tags"] = .array(tags.map { .string($0) }) }
        return .object(o)
    }

    /// Reads one entry strictly.
    init(json: JSONValue, path: String, context: String) throws(CatalogueError) {
        var r = try StrictObject(json, path: path, context: context)
        id = try r.string("id")
        guard Self.isValidId(id) else {
            throw .invalidValue(path: path, key: r.keyPath("id"), detail: "\"\(id)\" must be 1-100 of a-z 0-9 . _ - starting with a letter or digit")
        }
        name = try r.string("name")
        let command = try r.optionalString("command")
        let url = try r.optionalString("url")
        let args = try r.stringArray("args")
        let envNames = try r.stringArray("envNames")
        let headerNames = try r.stringArray("headerNames")
        switch (command, url) {
        case (let command?, nil):
            guard !command.isEmpty else { throw .invalidValue(path: path, key: r.keyPath("command"), detail: "must not be empty") }
            guard headerNames.isEmpty else { throw .invalidValue(path: path, key: r.keyPath("headerNames"), detail: "only for url entries") }
            for n in envNames where !Self.isEnvironmentName(n) {
                throw .invalidValue(path: path, key: r.keyPath("envNames"), detail: "\"\(n)\" is not a variable name (write names only, never values)")
            }
            launch = .stdio(command: command, args: args, envNames: envNames)
        case (nil, let url?):
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw .invalidValue(path: path, key: r.keyPath("url"), detail: "must start with http:// or https://")
            }
            guard args.isEmpty, envNames.isEmpty else {
                throw .invalidValue(path: path, key: r.keyPath(args.isEmpty ? "envNames" : "args"), detail: "only for command entries")
            }
            for n in headerNames where !Self.isHeaderName(n) {
                throw .invalidValue(path: path, key: r.keyPath("headerNames"), detail: "\"\(n)\" is not a header name (write names only, never values)")
            }
            launch = .remote(url: url, headerNames: headerNames)
        default:
            throw .invalidValue(path: path, key: context, detail: "needs exactly one of \"command\" or \"url\"")
        }
        package = try r.optionalString("package")
        version = try r.optionalString("version")
        tags = try r.stringArray("tags")
        try r.finish()
    }

    static func isEnvironmentName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, !(f >= "0" && f <= "9") else { return false }
        return s.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
    }

    static func isHeaderName(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" }
    }
}
