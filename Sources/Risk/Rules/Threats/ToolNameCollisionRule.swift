import JSON

/// Tool names offered twice: by two servers of one scan, or twice by one server. The client then
/// routes by luck (or by the order servers were added), and a malicious server can take over calls.
struct ToolNameCollisionRule: Rule {
    let description = RuleDescription(
        id: "tool-name-collision",
        title: "Tool name collides with another tool",
        family: "threats",
        kind: .finding,
        severity: .medium,
        confidence: .high,
        summary: "Finds tool names (compared case-insensitively) that another server of the same scan also offers, or that one server lists twice.",
        rationale: """
        Clients disagree on what happens when two servers offer a tool of the same name: some prefix, some keep the
        first, some the last. A server that copies a trusted server's tool name can receive the calls meant for it.
        Duplicate names within one server make the listing ambiguous.
        """,
        examples: [
            .triggers(#"{"tools": [{"name": "send_email", "description": "Sends mail."}], "otherServersTools": {"gmail": ["Send_Email", "read_inbox"]}}"#, at: "/tools/0/name"),
            .triggers(#"{"tools": [{"name": "search"}, {"name": "search"}]}"#, at: "/tools/1/name"),
            .passes(#"{"tools": [{"name": "send_email"}], "otherServersTools": {"gmail": ["send_mail", "read_inbox"]}}"#),
        ])

    func check(_ server: ServerDefinitions) -> [RuleHit] {
        var owners: [String: [String]] = [:]
        for (other, names) in server.otherServersTools.sorted(by: { $0.key < $1.key }) {
            for name in Set(names.map { $0.lowercased() }) { owners[name, default: []].append(other) }
        }
        var seen: [String: Int] = [:]
        var out: [RuleHit] = []
        for (i, tool) in server.tools.enumerated() {
            guard let name = tool["name"]?.stringValue else { continue }
            let key = name.lowercased()
            let pointer = JSONPointer(tokens: ["tools", String(i), "name"])
            if let earlier = seen[key] {
                out.append(RuleHit(pointer: pointer, quote: name,
                                   message: "Tool `\(name)` is listed twice by this server (also at /tools/\(earlier))",
                                   effect: .finding(severity: nil)))
            } else {
                seen[key] = i
            }
            if let others = owners[key] {
                let list = others.map { "`\($0)`" }.joined(separator: ", ")
                out.append(RuleHit(pointer: pointer, quote: name,
                                   message: "Tool `\(name)` has the same name as a tool of \(others.count == 1 ? "server" : "servers") \(list)",
                                   effect: .finding(severity: nil)))
            }
        }
        return out
    }
}
