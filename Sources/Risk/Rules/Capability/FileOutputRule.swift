import JSON

/// A tool that writes its result to disk: "saves the report to a file", an `output_path` input.
struct FileOutputRule: ToolRule {
    static let id = "file-output"

    static let phrases: [(String, String)] = [
        ("writes * to", "writes its output somewhere"),
        ("writes * file~", "writes files"),
        ("saves * to", "saves its output"),
        ("saved to", "saves its output"),
        ("save * to", "saves its output"),
        ("will be generated in", "generates files on disk"),
        ("generated in the same directory", "generates files on disk"),
        ("to disk", "writes to disk"),
        ("creates * file~", "creates files"),
        ("write * file~", "writes files"),
        ("output file~", "writes an output file"),
        ("will be appended", "appends its output to a file"),
        ("in place", "changes files in place"),
        ("will be written", "writes its output"),
        ("will be saved", "saves its output"),
    ]
    static let matcher = PhraseMatcher(phrases)
    /// Read verbs that move data somewhere: with an output path they write.
    static let transferVerbs: Set<String> = ["download", "export", "dump", "save", "fetch", "copy", "pull", "get", "backup"]
    /// Inputs naming where output goes.
    static let outputInputs: Set<String> = ["output_path", "output_file", "output_dir", "output_directory", "save_path", "save_to", "destination_path", "local_path", "download_path", "target_path", "dest_path", "out_path", "out_file"]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Writes files to disk", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A description that says results are saved or written to a file, or an input such as `output_path`, argues for write.",
            rationale: """
            Generating text is a read; writing it to disk is a write (a file can overwrite another). Tools that
            analyse, generate or download and then save are write evidence even when their verb reads.
            """,
            examples: [
                .triggers(#"{"name": "x", "description": "Generates a report and saves it to the given path."}"#, at: "/description"),
                .triggers(#"{"name": "x", "inputSchema": {"type": "object", "properties": {"local_path": {"type": "string"}}}}"#, at: "/inputSchema/properties/local_path"),
                .triggers(#"{"name": "download_file", "description": "Download a file from the server.", "inputSchema": {"type": "object", "properties": {"remote_path": {"type": "string"}, "local_path": {"type": "string"}}}}"#, at: "/inputSchema/properties/local_path"),
                .passes(#"{"name": "x", "description": "Returns the file contents."}"#),
            ])
    }

    func hits(in tool: AnalyzedTool) -> [RuleHit] {
        // The tool's description first, then each input's (where "results will be written" often hides);
        // an input's description is split only when the texts before it said nothing.
        func statement(_ prose: ProseWords, _ words: [String], at pointer: JSONPointer) -> RuleHit? {
            for m in Self.matcher.matches(in: words) {
                let negated = (max(0, m.from - 3)..<m.from).contains { DescriptionVerbRule.negations.contains(words[$0]) }
                guard !negated else { continue }
                return .evidence(.write, weight: 55, at: pointer, quote: prose.quote(m.from, m.to), reason: "the description \(m.payload)")
            }
            return nil
        }
        if let hit = statement(tool.prose, tool.proseTexts, at: tool.descriptionPointer) { return [hit] }
        for p in tool.properties.prefix(64) where p.type != "boolean" && p.description != nil {
            let prose = p.prose
            if let hit = statement(prose, prose.words.map(\.text), at: p.pointer.appending("description")) { return [hit] }
        }
        if let p = tool.properties.first(where: { $0.depth == 0 && Self.outputInputs.contains($0.name.lowercased()) }) {
            // A download or export to a caller-chosen path writes that file, whatever the verb says.
            if let lead = tool.nameReading.leading, Self.transferVerbs.contains(lead.base) {
                return [.evidence(.write, weight: 75, at: p.pointer, quote: p.name, reason: "the tool \(lead.base)s to the caller-chosen path '\(p.path)': it writes that file")]
            }
            return [.evidence(.write, weight: 55, at: p.pointer, quote: p.name, reason: "input '\(p.path)' names where output is written")]
        }
        return []
    }
}
