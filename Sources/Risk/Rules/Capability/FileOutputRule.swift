import JSON

/// A tool that writes its result to disk: "saves the report to a file", an `output_path` input.
struct FileOutputRule: CapabilityRule {
    static let id = "file-output"

    static let phrases = PhraseList<String>(.fileOutputStatements, [
        ("writes ~2 to", "writes its output somewhere"),
        ("writes ~2 file*", "writes files"),
        ("saves ~2 to", "saves its output"),
        ("saved to", "saves its output"),
        ("save ~2 to", "saves its output"),
        ("will be generated in", "generates files on disk"),
        ("generated in the same directory", "generates files on disk"),
        ("to disk", "writes to disk"),
        ("creates ~2 file*", "creates files"),
        ("write ~2 file*", "writes files"),
        ("output file*", "writes an output file"),
        ("will be appended", "appends its output to a file"),
        ("edit*|modif*|updat*|chang*|rewrit*|format* ~3 in place", "changes files in place"),
        ("will be written", "writes its output"),
        ("will be saved", "saves its output"),
        ("to local disk", "writes to disk"),
        ("export* ~5 to ~3 file*", "exports to a file"),
        ("download* ~8 to ~2 storage|datastore|disk", "downloads into storage"),
        ("writes ~2 local", "writes a local file"),
        ("save as", "saves a file"),
    ])
    /// Read verbs that move data somewhere: with an output path they write.
    static let transferVerbs: Set<String> = ["download", "export", "dump", "save", "fetch", "copy", "pull", "get", "backup"]
    /// Inputs naming where output goes.
    static let outputInputs: Set<String> = ["output_path", "output_file", "output_dir", "output_directory", "save_path", "save_to", "destination_path", "local_path", "download_path", "target_path", "dest_path", "out_path", "out_file", "destination_dir", "destination_directory", "dest_dir", "save_dir", "target_dir", "download_dir", "download_directory", "local_dir", "local_directory"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Writes files to disk", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A description that says results are saved or written to a file, or an input such as `output_path`, argues for write.",
            rationale: """
            Generating text is a read; writing it to disk is a write (a file can overwrite another). Tools that
            analyse, generate or download and then save are write evidence even when their verb reads.
            """,
            examples: [
                .evidence(#"{"name": "x", "description": "Generates a report and saves it to the given path."}"#, at: "/description", .write),
                .evidence(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"local_path": {"type": "string"}}}}"#, at: "/inputSchema/properties/local_path", .write),
                .evidence(#"{"name": "download_file", "description": "Download a file from the server.", "inputSchema": {"type": "object", "properties": {"remote_path": {"type": "string"}, "local_path": {"type": "string"}}}}"#, at: "/inputSchema/properties/local_path", .write),
                .evidence(#"{"name": "export_logs", "description": "Exports logs to a .txt file on the device."}"#, at: "/description", .write),
                .evidence(#"{"name": "download_iso", "description": "Download an ISO image from a URL to Proxmox storage."}"#, at: "/description", .write),
                .passes(#"{"name": "x", "description": "Returns the file contents."}"#),
                .passes(#"{"name": "download_attachment", "description": "Download an attachment and return its content as base64."}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        // The tool's description first, then each input's (where "results will be written" often hides).
        // A download or an export that says where it writes is a write, whatever its verb reads as.
        let transfers = tool.nameReading.leading.map { Self.transferVerbs.contains($0.base) } ?? false
        func statement(_ prose: TokenizedText, at pointer: JSONPointer) -> EvidenceHit? {
            for m in prose.hits(Self.phrases) where m.to < prose.proseEnd {
                let negated = prose.contains(DescriptionVerbRule.negations, in: max(0, m.from - 3)..<m.from)
                guard !negated else { continue }
                return EvidenceHit(.write, transfers ? .transferToPath : .writesFile, at: pointer, quote: prose.quote(m.from, m.to), reason: "the description \(Self.phrases.payloads[m.pattern])")
            }
            return nil
        }
        if let hit = statement(tool.prose, at: tool.descriptionPointer) { return [hit] }
        for p in tool.properties.prefix(64) where p.type != "boolean" && p.description != nil {
            if let hit = statement(p.prose, at: p.pointer.appending("description")) { return [hit] }
        }
        if let p = tool.properties.first(where: { $0.depth == 0 && Self.outputInputs.contains($0.name.lowercased()) }) {
            // A download or export to a caller-chosen path writes that file, whatever the verb says.
            if let lead = tool.nameReading.leading, Self.transferVerbs.contains(lead.base) {
                return [EvidenceHit(.write, .transferToPath, at: p.pointer, quote: p.name, reason: "the tool \(lead.base)s to the caller-chosen path '\(p.path)': it writes that file")]
            }
            return [EvidenceHit(.write, .writesFile, at: p.pointer, quote: p.name, reason: "input '\(p.path)' names where output is written")]
        }
        return []
    }
}
