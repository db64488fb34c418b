/// The four lists a crawl reads.
public enum ListKind: String, Sendable, Hashable, CaseIterable {
    case tools, prompts, resources, resourceTemplates

    /// The JSON-RPC method that lists it.
    public var method: String {
        switch self {
        case .tools: "tools/list"
        case .prompts: "prompts/list"
        case .resources: "resources/list"
        case .resourceTemplates: "resources/templates/list"
        }
    }

    /// The key of the array in the result (and in a snapshot document).
    public var resultKey: String { rawValue }

    /// The member that identifies an entry (duplicates of it are reported).
    public var identityKey: String {
        switch self {
        case .tools, .prompts: "name"
        case .resources: "uri"
        case .resourceTemplates: "uriTemplate"
        }
    }

    /// The server capability that advertises it.
    public var capability: String {
        switch self {
        case .tools: "tools"
        case .prompts: "prompts"
        case .resources, .resourceTemplates: "resources"
        }
    }

    /// One entry's kind, in words.
    public var entryNoun: String {
        switch self {
        case .tools: "tool"
        case .prompts: "prompt"
        case .resources: "resource"
        case .resourceTemplates: "resource template"
        }
    }
}
