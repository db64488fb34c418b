import Definitions
import JSON

/// Adds one page of a list to a snapshot: keeps every entry that has a usable identity (malformed or
/// duplicated ones too: they are the rule engine's to flag, and leaving them out would hide what a
/// client may offer), counts and reports the entries it cannot keep, and moves the parser's issues from
/// the page's pointers to the entries' places in the snapshot document (`/tools/3/description`). Live
/// crawls and snapshot files both use it.
struct ListIntake {
    let kind: ListKind
    /// Entries seen so far, kept or not (for the entry numbers in messages).
    var count = 0

    /// Entries left out of one page that are described one by one; the rest are counted in one anomaly.
    static let describedPerPage = 10

    init(kind: ListKind) { self.kind = kind }

    /// Adds `entries`, found at `arrayPointer` in a document whose issues are `issues`; returns the
    /// issues that did not concern this array, untouched. `maxEntries` bounds the list; true in
    /// `limitHit` when entries beyond it were dropped.
    mutating func take(_ entries: [JSONValue], arrayPointer: JSONPointer, issues: [JSONIssue], maxEntries: Int,
                       into snapshot: inout ServerSnapshot, anomalies: inout AnomalyLog) -> (rest: [JSONIssue], limitHit: Bool) {
        var destination: [Int: Int] = [:]
        var limitHit = false
        let base = snapshotList(snapshot).count
        var added: [JSONValue] = []
        var leftOut = 0
        for (index, entry) in entries.enumerated() {
            switch EntryValidator.check(entry, kind: kind) {
            case .failure(let invalid):
                leftOut += 1
                if leftOut <= Self.describedPerPage {
                    anomalies.add(kind: "invalid-entry", "\(kind.method) entry \(count + index) left out: \(invalid.reason)\(nameHint(entry))")
                }
            case .success:
                if base + added.count >= maxEntries { limitHit = true; continue }
                destination[index] = base + added.count
                added.append(entry)
            }
        }
        if leftOut > Self.describedPerPage {
            anomalies.add(kind: "invalid-entry", "\(leftOut - Self.describedPerPage) more \(kind.method) entries of this page left out (\(leftOut) in all): none has a usable \(kind.identityKey)")
        }
        count += entries.count
        append(added, to: &snapshot)

        var rest: [JSONIssue] = []
        let target = JSONPointer(tokens: [kind.resultKey])
        for issue in issues {
            guard issue.pointer.isWithin(arrayPointer) else { rest.append(issue); continue }
            let tail = Array(issue.pointer.tokens.dropFirst(arrayPointer.tokens.count))
            guard let first = tail.first else {
                snapshot.definitions.parseIssues.append(issue.moved(to: target))
                continue
            }
            if let index = Int(first), let newIndex = destination[index] {
                let pointer = JSONPointer(tokens: [kind.resultKey, String(newIndex)] + tail.dropFirst())
                snapshot.definitions.parseIssues.append(issue.moved(to: pointer))
            } else {
                anomalies.add(issue: issue, note: "in an entry that was left out")
            }
        }
        return (rest, limitHit)
    }

    private func nameHint(_ entry: JSONValue) -> String {
        guard let name = entry["name"]?.stringValue, !name.isEmpty else { return "" }
        return " (name \"\(Sanitize.quote(name, limit: 120))\")"
    }

    private func snapshotList(_ snapshot: ServerSnapshot) -> [JSONValue] {
        switch kind {
        case .tools: snapshot.definitions.tools
        case .prompts: snapshot.definitions.prompts
        case .resources: snapshot.definitions.resources
        case .resourceTemplates: snapshot.definitions.resourceTemplates
        }
    }

    private func append(_ entries: [JSONValue], to snapshot: inout ServerSnapshot) {
        switch kind {
        case .tools: snapshot.definitions.tools += entries
        case .prompts: snapshot.definitions.prompts += entries
        case .resources: snapshot.definitions.resources += entries
        case .resourceTemplates: snapshot.definitions.resourceTemplates += entries
        }
    }
}
