import JSON

/// A tool that formats, converts, generates or renders into a document it is given writes that document.
struct DocumentEditRule: CapabilityRule {
    static let id = "document-edit"
    /// Verbs that compute when they return text, and write when they work on a document.
    static let shapingVerbs: Set<String> = ["format", "convert", "generate", "render", "compress", "encrypt", "decrypt", "merge", "split", "resize", "crop", "rotate", "watermark", "sign"]
    /// Last words of inputs that name the document worked on.
    static let documentInputs: WordSet = [
        "filename", "file", "filepath", "path", "document", "doc", "docx", "presentation", "spreadsheet", "workbook",
        "sheet", "slide", "pptx", "xlsx", "pdf", "notebook",
    ]
    /// Words of a name that say a document is worked on (`format_table_cell`, `auto_generate_presentation`).
    static let documentWords: WordSet = [
        "document", "documents", "presentation", "presentations", "spreadsheet", "spreadsheets", "workbook", "slide",
        "slides", "sheet", "sheets", "docx", "pptx", "xlsx", "pdf", "table", "cell", "cells", "paragraph", "paragraphs",
    ]

    var description: RuleDescription {
        RuleDescription(
            id: Self.id, title: "Shapes a document it is given", family: "capability", kind: .capability, severity: .low, confidence: .medium,
            summary: "A tool that formats, converts, generates or renders into a document or file it is given writes that document.",
            rationale: """
            `format_date` computes and returns text: a read. `format_table(filename, …)` or `convert_to_pdf(filename)`
            changes a document or writes a new file: a write. The verb alone cannot tell them apart; the input that names
            the document can. The rule fires when the verb leading the name shapes something and the tool takes a
            document (a file name, a document or presentation id) or names one.
            """,
            examples: [
                .evidence(#"{"name": "format_table", "inputSchema": {"type": "object", "properties": {"filename": {"type": "string"}, "table_index": {"type": "integer"}}}}"#, at: "/inputSchema/properties/filename", .write),
                .evidence(#"{"name": "auto_generate_presentation", "inputSchema": {"type": "object", "properties": {"topic": {"type": "string"}}}}"#, at: "/name", .write),
                .passes(#"{"name": "format_date", "inputSchema": {"type": "object", "properties": {"date": {"type": "string"}, "format": {"type": "string"}}}}"#),
                .passes(#"{"name": "get_document", "inputSchema": {"type": "object", "properties": {"document_id": {"type": "string"}}}}"#),
            ])
    }

    func evidence(in tool: ToolContext) -> [EvidenceHit] {
        guard let lead = tool.nameReading.leading, Self.shapingVerbs.contains(lead.base), lead.entry.category == .read else { return [] }
        if let p = tool.properties.first(where: { $0.depth == 0 && $0.lastWord(in: Self.documentInputs) }) {
            return [EvidenceHit(.write, .shapesDocument, at: p.pointer, quote: p.name,
                                reason: "'\(lead.base)' works on the document named by input '\(p.path)': it changes or writes that document")]
        }
        if let i = tool.nameWords.first(in: Self.documentWords) {
            let word = tool.nameWords.text(i)
            return [EvidenceHit(.write, .shapesDocument, at: tool.namePointer, quote: "\(lead.word) … \(word)",
                                reason: "'\(lead.base)' works on a \(word): it changes or writes a document")]
        }
        return []
    }
}
