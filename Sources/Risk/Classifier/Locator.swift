import JSON

/// Where a pointer into a server's definitions lands: which tool, prompt, resource, or the server.
enum Locator {
    /// The tool index of `/tools/<i>/…`, if the pointer is inside a tool.
    static func toolIndex(of pointer: JSONPointer) -> Int? {
        let t = pointer.tokens
        guard t.count >= 2, t[0] == "tools" else { return nil }
        return Int(t[1])
    }

    /// The input name of a pointer inside an input schema (the token after the last `properties`).
    static func parameterName(of pointer: JSONPointer) -> String? {
        guard let i = pointer.tokens.lastIndex(of: "properties"), i + 1 < pointer.tokens.count else { return nil }
        return pointer.tokens[i + 1]
    }

    /// The location of a finding at `pointer` in `server`.
    static func location(of pointer: JSONPointer, in server: ReviewedServer) -> Location {
        let t = pointer.tokens
        func name(_ list: [JSONValue], _ key: String) -> String? {
            guard t.count >= 2, let i = Int(t[1]), i >= 0, i < list.count else { return nil }
            return list[i][key]?.stringValue
        }
        switch t.first {
        case "tools": return Location(kind: .tool, name: name(server.tools, "name"), pointer: pointer)
        case "prompts": return Location(kind: .prompt, name: name(server.prompts, "name"), pointer: pointer)
        // A prompt's body (what prompts/get returned) belongs to the prompt at the same index.
        case "promptBodies": return Location(kind: .prompt, name: name(server.prompts, "name") ?? name(server.promptBodies, "name"), pointer: pointer)
        case "resources": return Location(kind: .resource, name: name(server.resources, "name") ?? name(server.resources, "uri"), pointer: pointer)
        case "resourceTemplates": return Location(kind: .resource, name: name(server.resourceTemplates, "name") ?? name(server.resourceTemplates, "uriTemplate"), pointer: pointer)
        default: return Location(kind: .server, name: server.name, pointer: pointer)
        }
    }

    /// Document order: token by token, numbers compared as numbers (`/tools/2` before `/tools/10`).
    static func precedes(_ a: JSONPointer, _ b: JSONPointer) -> Bool {
        for (x, y) in zip(a.tokens, b.tokens) where x != y {
            if let i = Int(x), let j = Int(y) { return i < j }
            return x < y
        }
        return a.tokens.count < b.tokens.count
    }
}
