import JSON

/// JSON-RPC 2.0 as MCP uses it: building our messages and sorting out what arrives.
public enum JSONRPC {
    /// A request from us.
    public static func request(id: Int, method: String, params: JSONValue?) -> JSONValue {
        var object = JSONObject([("jsonrpc", "2.0"), ("id", .int(id)), ("method", .string(method))])
        if let params { object["params"] = params }
        return .object(object)
    }

    /// A notification from us.
    public static func notification(method: String, params: JSONValue? = nil) -> JSONValue {
        var object = JSONObject([("jsonrpc", "2.0"), ("method", .string(method))])
        if let params { object["params"] = params }
        return .object(object)
    }

    /// A successful answer to a server request; `id` is echoed exactly as the server wrote it.
    public static func result(id: JSONValue, _ result: JSONValue) -> JSONValue {
        .object(JSONObject([("jsonrpc", "2.0"), ("id", id), ("result", result)]))
    }

    /// An error answer to a server request.
    public static func error(id: JSONValue, code: Int, message: String) -> JSONValue {
        .object(JSONObject([("jsonrpc", "2.0"), ("id", id),
                            ("error", .object(JSONObject([("code", .int(code)), ("message", .string(message))])))]))
    }

    /// "Method not found": the answer to every server request we do not support.
    public static let methodNotFound = -32601

    /// What an incoming JSON value is.
    public enum Incoming: Sendable, Hashable {
        /// A server→client request (has a method and a non-null id).
        case request(id: JSONValue, method: String)
        /// A notification (a method, no id).
        case notification(method: String)
        /// A successful response.
        case result(id: JSONValue, result: JSONValue)
        /// An error response; `id` is nil when the server could not read our id.
        case error(id: JSONValue?, code: Int, message: String, data: JSONValue?)
        /// Not a JSON-RPC message; `reason` says why.
        case invalid(reason: String)
    }

    /// Classifies one message.
    public static func classify(_ message: JSONValue) -> Incoming {
        guard let object = message.objectValue else { return .invalid(reason: "\(message.typeWithArticle), not an object") }
        let id = object["id"]
        if let methodValue = object["method"] {
            guard let method = methodValue.stringValue else { return .invalid(reason: "method is \(methodValue.typeWithArticle)") }
            if let id, !id.isNull { return .request(id: id, method: method) }
            return .notification(method: method)
        }
        if let error = object["error"] {
            let code = error["code"]?.intValue ?? 0
            let text = error["message"]?.stringValue ?? (error["message"].map { $0.compactText } ?? "")
            return .error(id: (id?.isNull ?? true) ? nil : id, code: code, message: text, data: error["data"])
        }
        if let result = object["result"] {
            guard let id, !id.isNull else { return .invalid(reason: "a result without an id") }
            return .result(id: id, result: result)
        }
        return .invalid(reason: "neither a request, a notification nor a response")
    }
}
