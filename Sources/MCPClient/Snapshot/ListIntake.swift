import Definitions
import JSON

/// Adds one page of a list to a snapshot: validates each entry, drops invalid ones and duplicates
/// (reporting each as an anomaly), and moves the parser's issues from the page's pointers to the
/// entries' places in the snapshot document (`/tools/3/description`). Live crawls and snapshot
/// files both use it.
struct ListIntake {
    let kind: ListKind
    /// Identities already taken, so duplicates across pages are caught.
    var seen: Set<String> = []
    /// Entries kept so far.
    var count = 0

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
        for (index, entry) in entries.enumerated() {
            switch EntryValidator.check(entry, kind: kind) {
            case .failure(let invalid):
                anomalies.add(kind: "invalid-entry", "\(kind.method) entry \(count + index) left out: \(invalid.reason)\(nameHint(entry))")
            case .success(let identity):
                if seen.contains(identity) {
                    anomalies.add(kind: "duplicate-entry", "\(kind.method) entry \(count + index) left out: another \(kind.entryNoun) has the \(kind.identityKey) \"\(Sanitize.quote(identity, limit: 120))\"; the first is kept")
                    continue
                }
                if base + added.count >= maxEntries { limitHit = true; continue }
                seen.insert(identity)
                destination[index] = base + added.count
                added.append(entry)
            }
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
