/// Inputs that take a file or directory path: the tool reaches the file system at a place the caller picks.
struct FilePathInputRule: SignalRule {
    /// Last words of a name that mean a path.
    static let pathWords: WordSet = [
        "path", "paths", "file", "files", "filename", "filenames", "filepath", "filepaths", "directory", "directories",
        "dir", "dirs", "folder", "folders", "dirname", "cwd", "pathname",
    ]
    /// Words in a name that make "path" something other than a file system path.
    static let otherPathWords: WordSet = ["url", "uri", "json", "api", "http", "https", "route", "jmes", "x", "css", "xml", "s3", "gcs", "field", "key"]
    /// Description phrases that mean a file system path even when the name does not say so.
    static let descriptionPhrases = [
        "file path", "absolute path", "relative path", "directory path", "path to the file", "path to a file",
        "path to the directory", "path to a directory", "path to the folder", "filesystem path", "file system path", "local file",
    ].map(Needle.init)
    /// Description phrases that mean a non-file path.
    static let otherPathPhrases = ["url path", "json path", "jsonpath", "api path", "jmespath", "xpath", "request path", "s3 path"].map(Needle.init)

    let description = RuleDescription(
        id: "file-path-input",
        title: "Accepts a file path",
        family: "signals",
        kind: .signal,
        severity: .low,
        confidence: .medium,
        summary: "Flags string inputs that name a file or directory to read or write.",
        rationale: """
        A path chosen by the model can point anywhere the server process can reach: `~/.ssh`, `.env`, the client's
        own MCP configuration. Path inputs deserve an allow-list of directories in policy. This is a signal, not a
        threat: honest file tools take paths.
        """,
        examples: [
            .signal(#"{"name": "read_file", "inputSchema": {"type": "object", "properties": {"path": {"type": "string"}}}}"#, at: "/inputSchema/properties/path"),
            .signal(#"{"name": "git_status", "inputSchema": {"type": "object", "properties": {"repo_path": {"type": "string"}}}}"#, at: "/inputSchema/properties/repo_path"),
            .signal(#"{"name": "upload", "inputSchema": {"type": "object", "properties": {"target": {"type": "string", "description": "Absolute path of the local file to upload"}}}}"#, at: "/inputSchema/properties/target"),
            .passes(#"{"name": "call_api", "inputSchema": {"type": "object", "properties": {"url_path": {"type": "string"}, "file_id": {"type": "string"}, "query": {"type": "string"}}}}"#),
            .passes(#"{"name": "upload", "inputSchema": {"type": "object", "properties": {"content_base64": {"type": "string", "description": "Base64 file content to upload directly, without the server reading from disk. Use this when the server cannot access host file paths. Provide either 'file_path' or 'content_base64'."}}}}"#),
            .passes(#"{"name": "extract", "inputSchema": {"type": "object", "properties": {"path": {"type": "string", "description": "JSONPath expression selecting the field"}}}}"#),
        ])

    private static let fileName = WordSequence("file name"), fileNames = WordSequence("file names")

    func signals(in tool: ToolContext) -> [SignalHit] {
        PropertySignals.hits(tool) { p in
            guard p.takesText, let last = p.lastWord else { return nil }
            // Only the opening of a description says what the input is; later mentions of paths are
            // about other parameters ("provide either 'file_path' or 'content_base64'").
            let opening = Tokenizer.foldedBytes(of: String((p.description ?? "").prefix(100)))
            if Self.otherPathPhrases.contains(where: { $0.occurs(in: opening) }) { return nil }
            let byName = Self.pathWords.contains(last) && !p.hasWord(in: Self.otherPathWords)
            let byFileName = p.nameEnds(with: Self.fileName) || p.nameEnds(with: Self.fileNames)
            let byDescription = Self.descriptionPhrases.contains { $0.occurs(in: opening) }
            return byName || byFileName || byDescription ? p.path : nil
        }
    }
}
