import JSON

/// One piece of text a server sent, where it is, and what it is part of.
struct TextField: Sendable {
    /// What the text is.
    enum Role: String, Sendable, Hashable {
        case name, title, description, uri, instructions
        case parameterName, parameterTitle, parameterDescription, enumValue, defaultValue, example, otherSchemaText
        case argumentName, argumentDescription
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

    /// The finding location for this field: its holder's kind and name, and the field's own pointer.
    var location: Location { Location(kind: ownerKind, name: ownerName, pointer: pointer) }

    /// True for prose a model reads as guidance: descriptions, titles, instructions.
    var isProse: Bool {
        switch role {
        case .description, .title, .instructions, .parameterDescription, .parameterTitle, .argumentDescription: true
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

    /// Tools (name, title, description, annotation title, every schema text), prompts, resources,
    /// resource templates and the instructions, in document order.
    static func all(in server: ReviewedServer) -> [TextField] {
        var out: [TextField] = []
        if let instructions = server.instructions {
            out.append(TextField(text: instructions, pointer: JSONPointer(tokens: ["instructions"]), role: .instructions,
                                 ownerKind: .server, ownerName: nil, parameter: nil))
        }
        for (i, tool) in server.tools.enumerated() where out.count < maxFields {
            let base = JSONPointer(tokens: ["tools", String(i)])
            let name = tool["name"]?.stringValue
            var add = Adder(kind: .tool, name: name, out: out)
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
            var add = Adder(kind: .prompt, name: prompt["name"]?.stringValue, out: out)
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
        for (collection, uriKey) in [("resources", "uri"), ("resourceTemplates", "uriTemplate")] {
            let items = collection == "resources" ? server.resources : server.resourceTemplates
            for (i, resource) in items.enumerated() where out.count < maxFields {
                let base = JSONPointer(tokens: [collection, String(i)])
                var add = Adder(kind: .resource, name: resource["name"]?.stringValue ?? resource[uriKey]?.stringValue, out: out)
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
        var out: [TextField]

        mutating func string(_ value: JSONValue?, _ pointer: JSONPointer, _ role: TextField.Role, parameter: String? = nil) {
            guard let text = value?.stringValue, out.count < TextFields.maxFields else { return }
            out.append(TextField(text: text, pointer: pointer, role: role, ownerKind: kind, ownerName: name, parameter: parameter))
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
                    let at = pointer.appending(key)
                    switch key {
                    case "properties":
                        for (property, subschema) in member.objectValue?.members ?? [] {
                            let propertyPointer = at.appending(property)
                            out.append(TextField(text: property, pointer: propertyPointer, role: .parameterName, ownerKind: kind,
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
