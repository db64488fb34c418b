import JSON

/// The hash that identifies a tool's definition: SHA-256 of the tool's canonical JSON (sorted keys,
/// one line) with its `name` member removed. Leaving the name out means a renamed tool keeps its
/// hash, so snapshots, diffs and pin files recognise renames; a tool is identified by (name, hash).
public enum ToolHash {
    /// 64 lowercase hex digits.
    public static func sha256(of tool: JSONValue) -> String {
        SHA256.hex(definitionText(of: tool))
    }

    /// The exact text that is hashed.
    public static func definitionText(of tool: JSONValue) -> String {
        guard var object = tool.objectValue else { return tool.canonicalText }
        object["name"] = nil
        return JSONValue.object(object).canonicalText
    }

    /// Name → hash for each tool with a string name; a repeated name keeps its first definition.
    public static func hashes(of tools: [JSONValue]) -> [String: String] {
        var out: [String: String] = [:]
        for tool in tools {
            guard let name = tool["name"]?.stringValue, out[name] == nil else { continue }
            out[name] = sha256(of: tool)
        }
        return out
    }
}
