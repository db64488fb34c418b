import JSON
import Risk

/// What an execute tool takes that decides what runs or what is called: code or a command, SQL, an
/// image or Dockerfile, a URL. Whoever writes such an argument chooses what the server does, so a
/// rate limit and "argument exists" checks bound nothing; the recommended profile denies these tools.
struct RunnableInput: Sendable, Hashable {
    /// What it takes, for messages ("a command to run").
    var kind: String
    /// The input's path, e.g. `command` or `opts.python_code`.
    var path: String
    /// Where the evidence is, e.g. `/tools/3/inputSchema/properties/command`.
    var pointer: String
    /// Why the input counts, from the rule or the input's name.
    var reason: String

    /// Names (last word of an input) that carry an image or a build recipe to run.
    static let imageWords: Set<String> = ["image", "images", "dockerfile", "containerfile"]
    /// Words that make `code` program text.
    static let codeQualifiers: Set<String> = ["python", "js", "javascript", "source", "lua", "ruby", "shell", "bash", "sql", "program", "typescript", "ts", "py"]
    /// Names (last word) of an execute tool's text inputs that carry what runs or where a call goes:
    /// the same words Risk's `code-input`, `sql-input` and `url-input` rules read, for assessments
    /// whose evidence came from elsewhere (a hand-written or stored assessment).
    static let namedKinds: [String: String] = [
        "command": "code or a command to run", "commands": "code or a command to run", "cmd": "code or a command to run",
        "script": "code or a command to run", "scripts": "code or a command to run", "shell": "code or a command to run",
        "code": "code or a command to run", "snippet": "code or a command to run", "expression": "code or a command to run",
        "sql": "SQL to run", "query": "SQL to run", "statement": "SQL to run",
        "url": "a URL to call", "uri": "a URL to call", "endpoint": "a URL to call", "webhook": "a URL to call",
    ]

    /// The runnable inputs of `tool`, strongest evidence first, one per input.
    static func find(_ tool: ToolAssessment, inputs: ToolInputs) -> [RunnableInput] {
        var out: [RunnableInput] = []
        func add(_ kind: String, path: String, pointer: String, reason: String) {
            guard !out.contains(where: { $0.path == path }) else { return }
            out.append(RunnableInput(kind: kind, path: path, pointer: pointer, reason: reason))
        }
        func path(of pointer: JSONPointer, quote: String) -> String {
            inputs.inputs.first { $0.pointer == pointer }?.path ?? quote
        }
        // Capability evidence Risk already found: the rules that say "what is written here runs".
        for e in tool.evidence where e.category == .execute {
            switch e.ruleId {
            case "code-input": add("code or a command to run", path: path(of: e.pointer, quote: e.quote), pointer: e.pointer.description, reason: e.reason)
            case "sql-input": add("SQL to run", path: path(of: e.pointer, quote: e.quote), pointer: e.pointer.description, reason: e.reason)
            case "http-request": add("a request to send to any URL", path: path(of: e.pointer, quote: e.quote), pointer: e.pointer.description, reason: e.reason)
            default: break
            }
        }
        for s in tool.signals where s.id == "url-input" {
            let input = inputs.inputs.first { $0.path == s.path }
            add("a URL to call", path: s.path ?? "url", pointer: input?.pointer.description ?? tool.pointer.description,
                reason: "the tool takes a URL (\(s.display))")
        }
        // Free text only: an input whose values the schema lists chooses among them, it writes nothing.
        for input in inputs.inputs where (input.types.isEmpty || input.types.contains("string")) && input.values == nil {
            let nameWords = words(input.name)
            guard let last = nameWords.last else { continue }
            // `code` means program text alone or qualified (`python_code`), not `country_code`.
            if last == "code", nameWords.count > 1, !nameWords.dropLast().contains(where: codeQualifiers.contains) { continue }
            let what = imageWords.contains(last) ? (last.hasSuffix("file") ? "a Dockerfile to build" : "an image to run or build") : namedKinds[last]
            guard let what else { continue }
            add(what, path: input.path, pointer: input.pointer.description,
                reason: "input '\(input.path)' takes \(what)" + (input.description.map { " (\"\(Reasons.clip($0))\")" } ?? ""))
        }
        return out
    }

    /// An input name's words, lowercased: `dockerImage`, `docker_image` and `docker-image` give `[docker, image]`.
    static func words(_ name: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previousLower = false
        for c in name {
            if !(c.isLetter || c.isNumber) {
                if !current.isEmpty { out.append(current) }
                current = ""; previousLower = false
                continue
            }
            if c.isUppercase && previousLower && !current.isEmpty { out.append(current); current = "" }
            current += c.lowercased()
            previousLower = c.isLowercase || c.isNumber
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// One line naming what the tool takes, for denials.
    static func summary(_ inputs: [RunnableInput]) -> String {
        inputs.prefix(4).map { "\($0.kind) (input \(SchemaConditions.quoted($0.path)) at \($0.pointer): \(Reasons.clip($0.reason)))" }
            .joined(separator: "; ")
    }
}
