/// A JSON object that keeps its members in the order they were written. Objects with more than a few
/// members also keep a hashed index of their keys, so lookups and inserts stay O(1) however many members
/// a hostile document sends.
public struct JSONObject: Sendable, Hashable {
    /// The members, in order; keys are unique (the parser reports and resolves duplicates).
    public private(set) var members: [(key: String, value: JSONValue)]
    /// Key → position in `members`; nil while the object is small enough that a linear scan is faster.
    private var index: [String: Int]?

    /// Objects with more members than this get a key index.
    static let indexThreshold = 12

    /// An object from members in order; a later duplicate key replaces the earlier value in place.
    public init(_ members: [(String, JSONValue)] = []) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for (k, v) in members { self[k] = v }
    }

    /// An object from members already known to have unique keys, with their index when one was built.
    init(uniqueMembers members: [(key: String, value: JSONValue)], index: [String: Int]?) {
        self.members = members
        self.index = index ?? (members.count > Self.indexThreshold ? Self.makeIndex(members) : nil)
    }

    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }
    /// The number of members.
    public var count: Int { members.count }
    /// True when the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The position of `key` in `members`.
    func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The value for `key`; setting `nil` removes it, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    index = members.count > Self.indexThreshold ? Self.makeIndex(members) : nil
                }
            } else if let newValue {
                appendUnchecked(key, newValue)
            }
        }
    }

    /// Appends a member without looking for an existing key; the caller knows the key is new.
    mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        members.append((key, value))
        if index != nil {
            index![key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            index = Self.makeIndex(members)
        }
    }

    static func makeIndex(_ members: some Collection<(key: String, value: JSONValue)>) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (i, m) in members.enumerated() { index[m.key] = i }
        return index
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.count == b.members.count
            && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for m in members { hasher.combine(m.key); hasher.combine(m.value) }
    }
}
