import JSON

/// One piece of text a server sent, where it is, and what it is part of.
struct TextField: Sendable {
    /// What the text is.
    enum Role: String, Sendable, Hashable {
        case name, title, description, uri, instructions
        case parameterName, parameterTitle, parameterDescription, enumValue, defaultValue, example, otherSchemaText
        case argumentName, argumentDescription
        /// A message (or the description) of a prompt's body, as `prompts/get` returned it.
        case promptMessage
    }

    /// The text, raw.
    let text: String
    /// Its pointer in the definitions document.
    let pointer: JSONPointer
    /// What it is.
    let role: Role
    /// What holds it: a tool, prompt, resource (or template), or the server.
    let ownerKind: Location.Kind
    /// The holder's name (nil for the server).
    let ownerName: String?
    /// The parameter or argument it belongs to, when it belongs to one.
    let parameter: String?
    /// Where its holder is (`/tools/3`, `/prompts/1` for a prompt and its body; the root for the server).
    var owner: JSONPointer = .root

    /// The words of the parameter's name, as the tokenizer splits identifiers (`private_key_path`, `excludePatterns`).
    var parameterWords: Set<String> { parameter.map { Set(TokenizedText($0, mode: .identifier).texts) } ?? [] }
    /// The words of the holder's name, split the same way.
    var ownerWords: Set<String> { ownerName.map { Set(TokenizedText($0, mode: .identifier).texts) } ?? [] }

    /// The finding location for this field: its holder's kind and name, and the field's own pointer.
    var location: Location { Location(kind: ownerKind, name: ownerName, pointer: pointer) }

    /// True for prose a model reads as guidance: descriptions, titles, instructions.
    var isProse: Bool {
        switch role {
        case .description, .title, .instructions, .parameterDescription, .parameterTitle, .argumentDescription, .promptMessage: true
        default: false
        }
    }

    /// True for identifiers (names, URIs) rather than text for the model to read as guidance or data.
    var isIdentifier: Bool {
        role == .name || role == .parameterName || role == .argumentName || role == .uri
    }

    /// A phrase naming the place for messages, e.g. "the description of parameter `path` of tool `read`".
    var place: String {
        let owner = ownerName.map { "\(ownerKind.rawValue) `\($0)`" } ?? "the server"
        let what: String
        switch role {
        case .name: what = "the name of"
        case .title: what = "the title of"
        case .description: what = "the description of"
        case .uri: what = "the URI of"
        case .instructions: return "the server instructions"
        case .parameterName: what = "parameter name `\(parameter ?? "")` of"
        case .parameterTitle: what = "the title of parameter `\(parameter ?? "")` of"
        case .parameterDescription: what = "the description of parameter `\(parameter ?? "")` of"
        case .enumValue: what = "an allowed value of parameter `\(parameter ?? "")` of"
        case .defaultValue: what = "the default of parameter `\(parameter ?? "")` of"
        case .example: what = "an example for parameter `\(parameter ?? "")` of"
        case .otherSchemaText: what = "the input schema of"
        case .argumentName: what = "argument name `\(parameter ?? "")` of"
        case .argumentDescription: what = "the description of argument `\(parameter ?? "")` of"
        case .promptMessage: what = "the body (from prompts/get) of"
        }
        return "\(what) \(owner)"
    }
}

/// Every text field of a server's definitions, bounded in depth and number.
enum TextFields {
    /// Schemas nested deeper than this are not read (real schemas rarely pass 8).
    static let maxSchemaDepth = 24
    /// At most this many fields are returned per server.
    static let maxFields = 100_000
    /// At most this many messages are read from one prompt body.
    static let maxMessages = 200

    /// Tools (name, title, description, annotation title, every schema text), prompts and their bodies
    /// (what `prompts/get` returned: the description and every message's text), resources, resource
    /// templates and the instructions, in document order.
    static func all(in server: ReviewedServer) -> [TextField] {
        var out: [TextField] = []
        if let instructions = server.instructions {
            out.append(TextField(text: instructions, pointer: JSONPointer(tokens: ["instructions"]), role: .instructions,
                                 ownerKind: .server, ownerName: nil, parameter: nil))
        }
        for (i, tool) in server.tools.enumerated() where out.count < maxFields {
            let base = JSONPointer(tokens: ["tools", String(i)])
            let name = tool["name"]?.stringValue
            var add = Adder(kind: .tool, name: name, owner: base, out: out)
            out = []  // the adder holds the only reference now, so appends do not copy the whole list
            add.common(tool, base)
            add.string(tool["annotations"]?["title"], base.appending("annotations").appending("title"), .title)
            for key in ["inputSchema", "outputSchema"] {
                if let schema = tool[key] { add.schema(schema, base.appending(key), parameter: nil, depth: 0) }
            }
            out = add.out
        }
        for (i, prompt) in server.prompts.enumerated() where out.count < maxFields {
            let base = JSONPointer(tokens: ["prompts", String(i)])
            var add = Adder(kind: .prompt, name: prompt["name"]?.stringValue, owner: base, out: out)
            out = []
            add.common(prompt, base)
            for (j, argument) in (prompt["arguments"]?.arrayValue ?? []).enumerated() {
                let at = base.appending("arguments").appending(j)
                let argName = argument["name"]?.stringValue
                add.string(argument["name"], at.appending("name"), .argumentName, parameter: argName)
                add.string(argument["title"], at.appending("title"), .parameterTitle, parameter: argName)
                add.string(argument["description"], at.appending("description"), .argumentDescription, parameter: argName)
            }
            out = add.out
        }
        for (i, body) in server.promptBodies.enumerated() where out.count < maxFields {
            let base = JSONPointer(tokens: ["promptBodies", String(i)])
            let name = (i < server.prompts.count ? server.prompts[i]["name"]?.stringValue : nil) ?? body["name"]?.stringValue
            var add = Adder(kind: .prompt, name: name, owner: JSONPointer(tokens: ["prompts", String(i)]), out: out)
            out = []
            let result = base.appending("result")
            add.string(body["result"]?["description"], result.appending("description"), .promptMessage)
            for (j, message) in (body["result"]?["messages"]?.arrayValue ?? []).prefix(maxMessages).enumerated() {
                add.content(message["content"], result.appending("messages").appending(j).appending("content"))
            }
            out = add.out
        }
        for (collection, uriKey) in [("resources", "uri"), ("resourceTemplates", "uriTemplate")] {
            let items = collection == "resources" ? server.resources : server.resourceTemplates
            for (i, resource) in items.enumerated() where out.count < maxFields {
                let base = JSONPointer(tokens: [collection, String(i)])
                var add = Adder(kind: .resource, name: resource["name"]?.stringValue ?? resource[uriKey]?.stringValue, owner: base, out: out)
                out = []
                add.common(resource, base)
                add.string(resource[uriKey], base.appending(uriKey), .uri)
                out = add.out
            }
        }
        return out
    }

    /// Collects fields of one holder.
    private struct Adder {
        let kind: Location.Kind
        let name: String?
        let owner: JSONPointer
        var out: [TextField]

        mutating func append(_ field: TextField) {
            var field = field
            field.owner = owner
            out.append(field)
        }

        mutating func string(_ value: JSONValue?, _ pointer: JSONPointer, _ role: TextField.Role, parameter: String? = nil) {
            guard let text = value?.stringValue, out.count < TextFields.maxFields else { return }
            append(TextField(text: text, pointer: pointer, role: role, ownerKind: kind, ownerName: name, parameter: parameter))
        }

        /// The text of a prompt message's content: a text block, an embedded resource's text, or (as some
        /// servers send) an array of blocks.
        mutating func content(_ value: JSONValue?, _ pointer: JSONPointer) {
            guard let value else { return }
            if let blocks = value.arrayValue {
                for (k, block) in blocks.prefix(TextFields.maxMessages).enumerated() {
                    string(block["text"], pointer.appending(k).appending("text"), .promptMessage)
                    string(block["resource"]?["text"], pointer.appending(k).appending("resource").appending("text"), .promptMessage)
                }
                return
            }
            string(value["text"], pointer.appending("text"), .promptMessage)
            string(value["resource"]?["text"], pointer.appending("resource").appending("text"), .promptMessage)
        }

        mutating func common(_ item: JSONValue, _ base: JSONPointer) {
            string(item["name"], base.appending("name"), .name)
            string(item["title"], base.appending("title"), .title)
            string(item["description"], base.appending("description"), .description)
        }

        /// Every string in a schema, generically, so text hidden in odd keywords is still seen.
        mutating func schema(_ value: JSONValue, _ pointer: JSONPointer, parameter: String?, depth: Int) {
            guard depth <= TextFields.maxSchemaDepth, out.count < TextFields.maxFields else { return }
            switch value {
            case .object(let object):
                for (key, member) in object.members {
                    // A number, boolean or null holds no text: no pointer is built for it.
                    switch member {
                    case .string, .array, .object: break
                    default: continue
                    }
                    let at = pointer.appending(key)
                    switch key {
                    case "properties":
                        for (property, subschema) in member.objectValue?.members ?? [] {
                            let propertyPointer = at.appending(property)
                            append(TextField(text: property, pointer: propertyPointer, role: .parameterName, ownerKind: kind,
                                             ownerName: name, parameter: property))
                            schema(subschema, propertyPointer, parameter: property, depth: depth + 1)
                        }
                    case "required":
                        continue
                    case "enum", "const", "examples", "example", "default":
                        leaves(member, at, role: key == "default" ? .defaultValue : key.hasPrefix("ex") ? .example : .enumValue,
                               parameter: parameter, depth: depth + 1)
                    default:
                        if let text = member.stringValue {
                            let role: TextField.Role = key == "description" ? (parameter == nil ? .otherSchemaText : .parameterDescription)
                                : key == "title" ? (parameter == nil ? .otherSchemaText : .parameterTitle) : .otherSchemaText
                            string(.string(text), at, role, parameter: parameter)
                        } else {
                            schema(member, at, parameter: parameter, depth: depth + 1)
                        }
                    }
                }
            case .array(let elements):
                for (i, element) in elements.enumerated() { schema(element, pointer.appending(i), parameter: parameter, depth: depth + 1) }
            default:
                return
            }
        }

        /// Every string inside an enum, default or example value.
        mutating func leaves(_ value: JSONValue, _ pointer: JSONPointer, role: TextField.Role, parameter: String?, depth: Int) {
            guard depth <= TextFields.maxSchemaDepth, out.count < TextFields.maxFields else { return }
            switch value {
            case .string: string(value, pointer, role, parameter: parameter)
            case .array(let elements):
                for (i, e) in elements.enumerated() { leaves(e, pointer.appending(i), role: role, parameter: parameter, depth: depth + 1) }
            case .object(let o):
                for (k, v) in o.members { leaves(v, pointer.appending(k), role: role, parameter: parameter, depth: depth + 1) }
            default: return
            }
        }
    }
}
