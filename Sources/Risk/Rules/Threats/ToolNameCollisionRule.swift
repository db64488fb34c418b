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
        summary: "Finds tool names (compared case-insensitively, lookalike letters folded) that another server of the same scan also offers, or that one server lists twice.",
        rationale: """
        Clients disagree on what happens when two servers offer a tool of the same name: some prefix, some keep the
        first, some the last. A server that copies a trusted server's tool name can receive the calls meant for it.
        Duplicate names within one server make the listing ambiguous. A name that only looks the same (Cyrillic
        `е` for Latin `e`) is deliberate, and high.
        """,
        examples: [
            .triggers(#"{"tools": [{"name": "send_email", "description": "Sends mail."}], "otherServersTools": {"gmail": ["Send_Email", "read_inbox"]}}"#, at: "/tools/0/name"),
            .triggers(#"{"tools": [{"name": "search"}, {"name": "search"}]}"#, at: "/tools/1/name"),
            .triggers(#"{"tools": [{"name": "s\u0435nd_email"}], "otherServersTools": {"gmail": ["send_email"]}}"#, at: "/tools/0/name"),
            .passes(#"{"tools": [{"name": "send_email"}], "otherServersTools": {"gmail": ["send_mail", "read_inbox"]}}"#),
        ])

    func check(_ server: ReviewedServer) -> [RuleHit] {
        // Names compare by skeleton: case-insensitive, and Cyrillic or Greek lookalikes count as the
        // Latin letters they imitate (`sеnd_email` with a Cyrillic е collides with `send_email`).
        var owners: [String: [(server: String, name: String)]] = [:]
        for (other, names) in server.otherServersTools.sorted(by: { $0.key < $1.key }) {
            var seen = Set<String>()
            for name in names where seen.insert(Confusables.skeleton(name)).inserted {
                owners[Confusables.skeleton(name), default: []].append((other, name))
            }
        }
        var seen: [String: Int] = [:]
        var out: [RuleHit] = []
        for (i, tool) in server.tools.enumerated() {
            guard let name = tool["name"]?.stringValue else { continue }
            let key = Confusables.skeleton(name)
            let pointer = JSONPointer(tokens: ["tools", String(i), "name"])
            if let earlier = seen[key] {
                out.append(RuleHit(pointer: pointer, quote: name,
                                   message: "Tool `\(name)` is listed twice by this server (also at /tools/\(earlier))",
                                   effect: .finding(severity: nil)))
            } else {
                seen[key] = i
            }
            if let others = owners[key] {
                let list = others.map { "`\($0.server)`" }.joined(separator: ", ")
                let lookalike = others.contains { $0.name.lowercased() != name.lowercased() }
                let how = lookalike ? "looks the same as `\(others[0].name)`, a tool of" : "has the same name as a tool of"
                out.append(RuleHit(pointer: pointer, quote: name,
                                   message: "Tool `\(name)` \(how) \(others.count == 1 ? "server" : "servers") \(list)",
                                   effect: .finding(severity: lookalike ? .high : nil)))
            }
        }
        return out
    }
}
